package dev.rotor.scheduler.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.identity.SecurityIdentity;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.approval.ApprovalRefusedException;
import dev.rotor.scheduler.approval.EmergencyApprovals;
import dev.rotor.scheduler.domain.RequestedRotation;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.schema.RotationReason;

@Path("/api/approvals")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class ApprovalResource {

    private final EmergencyApprovals approvals;
    private final SecurityIdentity caller;

    ApprovalResource(EmergencyApprovals approvals, SecurityIdentity caller) {
        this.approvals = approvals;
        this.caller = caller;
    }

    record Approved(String requestId, String rotationId, String secretId, RotationReason reason, String initiator, String approvedBy,
            Instant deadline) {
    }

    @POST
    @Path("{requestId}")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Approve an emergency rotation waiting for its second approver",
            description = "The approver is the token's principal, who must hold the approver role and not be the requester."
                    + " Publishes RotationRequested(EMERGENCY, rotationId = requestId, approvedBy) and EmergencyApproval(APPROVED).")
    @APIResponse(responseCode = "202", description = "Approved; the rotation is requested")
    @APIResponse(responseCode = "403", description = "No approver role, or the approver is the requester: a second person must approve")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Already approved")
    @APIResponse(responseCode = "410", description = "Expired: request the emergency rotation again")
    public Response approve(@PathParam("requestId") String requestId) {
        RequestedRotation requested = approvals.approve(requestId, caller.getPrincipal().getName());
        RotationRequest request = requested.request();
        return Response.accepted(new Approved(requestId, request.rotationId(), request.secretId(), request.reason(), request.initiator(),
                request.approvedBy(), request.deadline())).build();
    }

    @ServerExceptionMapper
    Response refused(ApprovalRefusedException e) {
        Response.Status status = switch (e.refusal()) {
            case UNKNOWN -> Response.Status.NOT_FOUND;
            case SAME_PERSON -> Response.Status.FORBIDDEN;
            case ALREADY_APPROVED -> Response.Status.CONFLICT;
            case EXPIRED -> Response.Status.GONE;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(e.getMessage())).build();
    }
}
