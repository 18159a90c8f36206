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

import dev.rotor.audit.service.SecretQueries;
import dev.rotor.audit.view.SecretFilter;
import dev.rotor.audit.view.SecretView;
import dev.rotor.contract.Roles;

@Path("/api/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "secrets")
public class SecretResource {

    static final String LOCAL_DESCRIPTION = "Answer from this instance's stores only, without asking the other audit instances"
            + " (how instances ask each other)";

    private final SecretQueries queries;

    SecretResource(SecretQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
    @Operation(summary = "Every known secret with its staleness, last outcome and rotation in flight, by secretId; filters combine with AND")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing, or another instance did not answer; retry")
    public List<SecretView> list(
            @Parameter(description = "true: only overdue secrets; false: only those that are not") @QueryParam("overdue") Boolean overdue,
            @Parameter(description = "true: only secrets more than 7 days past due") @QueryParam("breached") Boolean breached,
            @Parameter(description = "the registration's class, e.g. database") @QueryParam("class") String secretClass,
            @Parameter(description = "the registration's owner, e.g. team-payments") @QueryParam("owner") String owner,
            @Parameter(description = LOCAL_DESCRIPTION) @QueryParam("local") boolean local) {
        return queries.secrets(new SecretFilter(overdue, breached, blankToNull(secretClass), blankToNull(owner)), local);
    }

    /** Secret ids contain slashes (db/orders-app): the id is the rest of the path. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("/{id: .+}")
    @Operation(summary = "One secret: registration, staleness, last rotation and its outcome, rotation in flight, store version")
    @APIResponse(responseCode = "404", description = "The audit knows nothing of this secret")
    @APIResponse(responseCode = "503", description = "The audit's stores are starting or rebalancing, or another instance did not answer; retry")
    public SecretView get(@PathParam("id") String secretId, @Parameter(description = LOCAL_DESCRIPTION) @QueryParam("local") boolean local) {
        return queries.secret(secretId, local)
                .orElseThrow(() -> new NotFoundException("The audit knows nothing of secret '" + secretId
                        + "': it is neither registered nor ever rotated, or the id is misspelt (ids are case-sensitive, e.g. db/orders-app)."
                        + " GET /api/secrets lists the known ones."));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
