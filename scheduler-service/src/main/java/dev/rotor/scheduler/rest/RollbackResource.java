package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.SecurityIdentity;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.RequestedRollback;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.service.RevertService.RequestedRevert;
import dev.rotor.scheduler.service.RevertService;
import dev.rotor.scheduler.service.RollbackService;
import dev.rotor.schema.RotationReason;

@Path("/api/rollbacks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class RollbackResource {

    private final RollbackService rollbacks;
    private final RevertService reverts;
    private final SecurityIdentity caller;

    RollbackResource(RollbackService rollbacks, RevertService reverts, SecurityIdentity caller) {
        this.rollbacks = rollbacks;
        this.reverts = reverts;
        this.caller = caller;
    }

    /**
     * Without {@code toVersion}: roll back the rotation in flight. With it: make that earlier store version current again.
     * Who asks is the token's principal.
     */
    record RollbackBody(String secretId, String cause, Integer toVersion) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Accepted(String rotationId, String secretId, UUID eventId, String note) {
    }

    record RevertAccepted(String rotationId, String secretId, int toVersion, int currentVersion, RotationReason reason, String initiator,
            Instant deadline) {
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Roll back the rotation of a secret that is in flight, or (toVersion) revert it to an earlier store version",
            description = "Without toVersion: published to rollback.requested. With toVersion: a RotationRequested with reason REVERT"
                    + " on rotation.requested, carried out by the rotator as a new, verified rotation that stages that version.")
    @APIResponse(responseCode = "202", description = "Published (or, per 'note', published before)")
    @APIResponse(responseCode = "400", description = "A field is missing, or toVersion is not from 1 to the current store version - 1")
    @APIResponse(responseCode = "404", description = "toVersion given and the secret is not registered")
    @APIResponse(responseCode = "409", description = "Without toVersion: no rotation of the secret is in flight. With toVersion: one is,"
            + " or the store has no entry")
    public Response rollback(RollbackBody body) {
        RollbackBody given = body == null ? new RollbackBody(null, null, null) : body;
        Requests check = new Requests()
                .require("secretId", given.secretId(), given.toVersion() == null
                        ? "the secret whose rotation in flight to roll back, e.g. db/orders-app"
                        : "the registered secret to revert, e.g. db/orders-app")
                .require("cause", given.cause(), "why, for the audit trail");
        if (given.toVersion() != null && given.toVersion() < 1) {
            check.add(new FieldViolation("toVersion", "must be a store version, 1 or more (KV v2 counts from 1), lower than the current"
                    + " one; got " + given.toVersion()));
        }
        check.orReject("Rollback request rejected; nothing was published");

        String secretId = given.secretId().trim();
        String initiator = caller.getPrincipal().getName();
        if (given.toVersion() != null) {
            return revert(secretId, given.toVersion(), initiator, given.cause().trim());
        }
        RequestedRollback rollback = rollbacks.rollback(secretId, given.cause().trim(), initiator);
        String note = rollback.alreadyRequested()
                ? "a rollback of rotation " + rollback.rotationId() + " was already requested; it was not published again"
                : null;
        return Response.accepted(new Accepted(rollback.rotationId(), rollback.secretId(), rollback.eventId(), note)).build();
    }

    private Response revert(String secretId, int toVersion, String initiator, String cause) {
        RequestedRevert revert = reverts.revert(secretId, toVersion, initiator, cause);
        RotationRequest request = revert.request();
        return Response.accepted(new RevertAccepted(request.rotationId(), request.secretId(), request.revertToVersion(),
                revert.currentVersion(), request.reason(), request.initiator(), request.deadline())).build();
    }
}
