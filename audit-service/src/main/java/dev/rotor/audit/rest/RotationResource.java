package dev.rotor.audit.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.rotor.audit.service.AuditQueries;

@Path("/api/rotations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rotations")
public class RotationResource {

    private final AuditQueries queries;

    RotationResource(AuditQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{rotationId}")
    @Operation(summary = "One rotation's timeline in protocol order, its state and the terminal it reached")
    @APIResponse(responseCode = "404", description = "No event of this rotation has been audited")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing; retry")
    public RotationView get(@PathParam("rotationId") String rotationId) {
        return queries.rotation(rotationId).map(RotationView::of)
                .orElseThrow(() -> new NotFoundException("No event of rotation '" + rotationId + "' has been audited: check the id"
                        + " (GET /api/secrets/{secretId} shows a secret's last rotation), or retry if it was requested a moment ago."));
    }
}
