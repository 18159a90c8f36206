package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.SecurityIdentity;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.approval.PendingApproval;
import dev.rotor.scheduler.approval.SecondApproverRequiredException;
import dev.rotor.scheduler.control.Pause;
import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.OperatorRequest;
import dev.rotor.scheduler.domain.RequestedRotation;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.service.OperatorRotations;
import dev.rotor.schema.ApprovalState;
import dev.rotor.schema.RotationReason;

@Path("/api/rotations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class RotationResource {

    private static final RotationReason DEFAULT_REASON = RotationReason.MANUAL;
    /**
     * What a caller may ask for. The other reasons are Rotor's own: SCHEDULED and RETRY are the scheduler's cadence and
     * retries, BACKFILL is ./rotor backfill (the audit service publishes those with their completion). The rotator does
     * not run them, so one posted here would stay open until its deadline. REVERT needs a store version: POST /api/rollbacks.
     */
    static final Set<RotationReason> CALLER_REASONS = Set.of(RotationReason.MANUAL, RotationReason.EMERGENCY);

    private final OperatorRotations rotations;
    private final SecurityIdentity caller;

    RotationResource(OperatorRotations rotations, SecurityIdentity caller) {
        this.rotations = rotations;
        this.caller = caller;
    }

    /**
     * {@code detail}: why, in words, for the audit trail (the emergency's reason for its approver). Who asks is the
     * token's principal, not a field.
     */
    record RotationBody(String secretId, String reason, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Accepted(String rotationId, String secretId, RotationReason reason, String initiator, Instant deadline, String note,
            PauseView paused, String warning) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AwaitingApproval(String requestId, String secretId, ApprovalState state, String requestedBy, Instant expiresAt, String note,
            PauseView paused, String warning) {
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Request a rotation of a registered secret",
            description = "Published to rotation.requested. If a rotation of the secret is already in flight the request is still"
                    + " published (the rotator decides, and refuses it with RotationFailed(IN_PROGRESS)) and the answer says so in 'note'.")
    @APIResponse(responseCode = "202", description = "Published, or (EMERGENCY where the policy asks for a second approver) waiting"
            + " for approval: 'state' PENDING and 'requestId'. 'paused' and 'warning' when the secret is paused: it is published anyway")
    @APIResponse(responseCode = "400", description = "A field is missing, or the reason is not MANUAL or EMERGENCY")
    @APIResponse(responseCode = "403", description = "MANUAL for a secret whose class asks for a second approver: request EMERGENCY")
    @APIResponse(responseCode = "404", description = "The secret is not registered")
    public Response request(RotationBody body) {
        RotationBody given = body == null ? new RotationBody(null, null, null) : body;
        Optional<RotationReason> reason = parseReason(given.reason()).filter(CALLER_REASONS::contains);
        Requests check = new Requests()
                .require("secretId", given.secretId(), "the registered secret's id, e.g. db/orders-app");
        if (reason.isEmpty()) {
            check.add(new FieldViolation("reason", refusedReason(given.reason())));
        }
        check.orReject("Rotation request rejected; nothing was published");

        String why = given.detail() == null || given.detail().isBlank() ? null : given.detail().trim();
        OperatorRequest outcome = rotations.request(given.secretId().trim(), reason.get(), caller.getPrincipal().getName(), why);
        PauseView paused = outcome.pause().map(PauseView::of).orElse(null);
        String warning = outcome.pause().map(pause -> given.secretId().trim() + " is paused (" + pause.describe() + "). The scheduler"
                + " will not rotate it, but an operator's request is published anyway. Resume with ./rotor resume"
                + resumeOption(pause) + " --reason ...").orElse(null);
        if (outcome.awaitingApproval().isPresent()) {
            PendingApproval pending = outcome.awaitingApproval().get();
            return Response.accepted(new AwaitingApproval(pending.requestId(), pending.secretId(), pending.state(), pending.requestedBy(),
                    pending.expiresAt(), "the policy asks for a second approver: approve with ./rotor approve " + pending.requestId()
                            + " (another person, before " + pending.expiresAt() + ")", paused, warning)).build();
        }
        RequestedRotation requested = outcome.requested().orElseThrow();
        RotationRequest request = requested.request();
        String note = requested.alreadyInFlight()
                .map(inFlight -> "rotation " + inFlight + " of " + request.secretId() + " is still in flight: the rotator will"
                        + " refuse this request with RotationFailed(IN_PROGRESS) unless that rotation ends first")
                .orElse(null);
        return Response.accepted(new Accepted(request.rotationId(), request.secretId(), request.reason(), request.initiator(),
                request.deadline(), note, paused, warning)).build();
    }

    @ServerExceptionMapper
    Response refused(SecondApproverRequiredException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(e.getMessage())).build();
    }

    private static String resumeOption(Pause pause) {
        return switch (pause.scope()) {
            case GLOBAL -> "";
            case SECRET_CLASS -> " --class " + pause.scopeName();
            case SECRET -> " --secret " + pause.scopeName();
        };
    }

    private static String refusedReason(String reason) {
        String allowed = "use MANUAL or EMERGENCY (default " + DEFAULT_REASON + ")";
        Optional<RotationReason> parsed = parseReason(reason);
        if (parsed.equals(Optional.of(RotationReason.REVERT))) {
            // A revert needs the version to go back to, which this endpoint does not take.
            return "a REVERT is requested with POST /api/rollbacks {\"secretId\", \"toVersion\": N, \"cause\"}"
                    + " (./rotor rollback <secretId> --to-version N); here " + allowed;
        }
        return parsed.map(ownReason -> ownReason + " is Rotor's own reason, not a caller's: SCHEDULED and RETRY are"
                + " the scheduler's cadence and retries, BACKFILL is ./rotor backfill (the audit service's POST /api/backfill); "
                + allowed).orElse("unknown reason: " + allowed);
    }

    private static Optional<RotationReason> parseReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.of(DEFAULT_REASON);
        }
        return Arrays.stream(RotationReason.values()).filter(r -> r.name().equals(reason.trim().toUpperCase(Locale.ROOT))).findFirst();
    }
}
