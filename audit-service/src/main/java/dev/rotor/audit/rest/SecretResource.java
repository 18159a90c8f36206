package dev.rotor.audit.rest;

import java.util.List;

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

@Path("/api/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "secrets")
public class SecretResource {

    private final AuditQueries queries;

    SecretResource(AuditQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "The status of every secret that has had a rotation event, by secretId")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing; retry")
    public List<SecretStatusView> list() {
        return queries.secrets().stream().map(SecretStatusView::of).toList();
    }

    /** Secret ids contain slashes (db/orders-app): the id is the rest of the path. */
    @GET
    @Path("/{id: .+}")
    @Operation(summary = "The status of one secret: last rotation and its outcome, last success, rotation in flight, store version")
    @APIResponse(responseCode = "404", description = "No rotation event of this secret has been audited")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing; retry")
    public SecretStatusView get(@PathParam("id") String secretId) {
        return queries.secret(secretId).map(SecretStatusView::of)
                .orElseThrow(() -> new NotFoundException("No rotation event has been audited for secret '" + secretId
                        + "': it has never been rotated, or the id is misspelt (ids are case-sensitive, e.g. db/orders-app)."));
    }
}
