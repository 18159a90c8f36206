package dev.rotor.scheduler.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.rotor.scheduler.domain.RequestedRollback;
import dev.rotor.scheduler.service.RollbackService;

@Path("/api/rollbacks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class RollbackResource {

    private final RollbackService rollbacks;

    RollbackResource(RollbackService rollbacks) {
        this.rollbacks = rollbacks;
    }

    record RollbackBody(String secretId, String cause, String initiator) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Accepted(String rotationId, String secretId, UUID eventId, String note) {
    }

    @POST
    @Operation(summary = "Roll back the rotation of a secret that is in flight", description = "Published to rollback.requested.")
    @APIResponse(responseCode = "202", description = "Published (or, per 'note', published before)")
    @APIResponse(responseCode = "400", description = "A field is missing")
    @APIResponse(responseCode = "409", description = "No rotation of the secret is in flight")
    public Response rollback(RollbackBody body) {
        RollbackBody given = body == null ? new RollbackBody(null, null, null) : body;
        new Requests()
                .require("secretId", given.secretId(), "the secret whose rotation in flight to roll back, e.g. db/orders-app")
                .require("cause", given.cause(), "why, for the audit trail")
                .require("initiator", given.initiator(), "who asks, e.g. your user name")
                .orReject("Rollback request rejected; nothing was published");

        RequestedRollback rollback = rollbacks.rollback(given.secretId().trim(), given.cause().trim(), given.initiator().trim());
        String note = rollback.alreadyRequested()
                ? "a rollback of rotation " + rollback.rotationId() + " was already requested; it was not published again"
                : null;
        return Response.accepted(new Accepted(rollback.rotationId(), rollback.secretId(), rollback.eventId(), note)).build();
    }
}
