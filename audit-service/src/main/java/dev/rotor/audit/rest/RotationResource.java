package dev.rotor.audit.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.rotor.audit.service.RotationQueries;
import dev.rotor.audit.view.RotationFilter;
import dev.rotor.audit.view.RotationView;
import dev.rotor.contract.Roles;

@Path("/api/rotations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rotations")
public class RotationResource {

    private final RotationQueries queries;

    RotationResource(RotationQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Rotations with their timelines and findings, newest first: a secret's, the incomplete ones, or all")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing, or another instance did not answer; retry")
    public List<RotationView> list(
            @Parameter(description = "only this secret's rotations") @QueryParam("secretId") String secretId,
            @Parameter(description = "true: only rotations whose record is not whole (a finding stands: no terminal by the deadline,"
                    + " a missing predecessor, a duplicate step, conflicting terminals)") @QueryParam("incomplete") Boolean incomplete,
            @Parameter(description = SecretResource.LOCAL_DESCRIPTION) @QueryParam("local") boolean local) {
        return queries.rotations(new RotationFilter(SecretResource.blankToNull(secretId), incomplete), local);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("/{rotationId}")
    @Operation(summary = "One rotation's timeline in protocol order, its state, the terminal it reached and the audit's findings")
    @APIResponse(responseCode = "404", description = "No event of this rotation has been audited")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing, or another instance did not answer; retry")
    public RotationView get(@PathParam("rotationId") String rotationId,
            @Parameter(description = SecretResource.LOCAL_DESCRIPTION) @QueryParam("local") boolean local) {
        return queries.rotation(rotationId, local)
                .orElseThrow(() -> new NotFoundException("No event of rotation '" + rotationId + "' has been audited: check the id"
                        + " (GET /api/secrets/{secretId} shows a secret's last rotation), or retry if it was requested a moment ago."));
    }
}
