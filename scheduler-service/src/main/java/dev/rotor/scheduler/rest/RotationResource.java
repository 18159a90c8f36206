package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.RequestedRotation;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.service.RotationService;
import dev.rotor.schema.RotationReason;

@Path("/api/rotations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class RotationResource {

    private static final RotationReason DEFAULT_REASON = RotationReason.MANUAL;

    private final RotationService rotations;

    RotationResource(RotationService rotations) {
        this.rotations = rotations;
    }

    record RotationBody(String secretId, String reason, String initiator) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Accepted(String rotationId, String secretId, RotationReason reason, String initiator, Instant deadline, String note) {
    }

    @POST
    @Operation(summary = "Request a rotation of a registered secret",
            description = "Published to rotation.requested. If a rotation of the secret is already in flight the request is still"
                    + " published (the rotator decides, and refuses it with RotationFailed(IN_PROGRESS)) and the answer says so in 'note'.")
    @APIResponse(responseCode = "202", description = "Published")
    @APIResponse(responseCode = "400", description = "A field is missing or the reason is unknown")
    @APIResponse(responseCode = "404", description = "The secret is not registered")
    public Response request(RotationBody body) {
        RotationBody given = body == null ? new RotationBody(null, null, null) : body;
        Optional<RotationReason> reason = parseReason(given.reason());
        Requests check = new Requests()
                .require("secretId", given.secretId(), "the registered secret's id, e.g. db/orders-app")
                .require("initiator", given.initiator(), "who asks, e.g. your user name or a pipeline id");
        if (reason.isEmpty()) {
            check.add(new FieldViolation("reason", "unknown reason: use one of " + Arrays.toString(RotationReason.values())
                    + " (default " + DEFAULT_REASON + ")"));
        }
        check.orReject("Rotation request rejected; nothing was published");

        RequestedRotation requested = rotations.request(given.secretId().trim(), reason.get(), given.initiator().trim());
        RotationRequest request = requested.request();
        String note = requested.alreadyInFlight()
                .map(inFlight -> "rotation " + inFlight + " of " + request.secretId() + " is still in flight: the rotator will"
                        + " refuse this request with RotationFailed(IN_PROGRESS) unless that rotation ends first")
                .orElse(null);
        return Response.accepted(new Accepted(request.rotationId(), request.secretId(), request.reason(), request.initiator(),
                request.deadline(), note)).build();
    }

    private static Optional<RotationReason> parseReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.of(DEFAULT_REASON);
        }
        return Arrays.stream(RotationReason.values()).filter(r -> r.name().equals(reason.trim().toUpperCase(Locale.ROOT))).findFirst();
    }
}
