package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.SecurityIdentity;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.domain.PolicyChange;
import dev.rotor.scheduler.policy.AppliedPolicy;
import dev.rotor.scheduler.policy.PolicyDiff;
import dev.rotor.scheduler.policy.yaml.PolicyRejectedException;
import dev.rotor.scheduler.policy.yaml.PolicyViolation;
import dev.rotor.scheduler.service.PolicyService;

@Path("/api/policies")
@Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
class PolicyResource {

    private static final String DEFAULT_SOURCE = "policy.yaml";
    /** A diff names at most this many secrets (the count is always whole): an answer for people, not a dump. */
    static final int LISTED_SECRETS = 200;

    private final PolicyService policies;
    private final SecurityIdentity caller;

    PolicyResource(PolicyService policies, SecurityIdentity caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Applied(String policy, String revision, String appliedBy, Instant appliedAt, String sourceFile, boolean unchanged,
            Changes changes) implements ForPeople {

        @Override
        public String text() {
            return PolicyText.of(this);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Changes(String revisionBefore, String revisionAfter, List<PolicyDiff.FieldChange> limits, List<String> classesAdded,
            List<String> classesRemoved, Map<String, List<PolicyDiff.FieldChange>> classesChanged, List<String> secretEntriesAdded,
            List<String> secretEntriesRemoved, Map<String, List<PolicyDiff.FieldChange>> secretEntriesChanged, int secretsChanged,
            List<PolicyDiff.SecretChange> secrets, String note) implements ForPeople {

        static Changes of(PolicyDiff diff) {
            List<PolicyDiff.SecretChange> listed = diff.secrets().stream().limit(LISTED_SECRETS).toList();
            String note = listed.size() < diff.secrets().size()
                    ? "the first " + LISTED_SECRETS + " of " + diff.secrets().size() + " changed secrets are listed" : null;
            return new Changes(diff.revisionBefore(), diff.revisionAfter(), diff.limits(), diff.classesAdded(), diff.classesRemoved(),
                    diff.classesChanged(), diff.secretEntriesAdded(), diff.secretEntriesRemoved(), diff.secretEntriesChanged(),
                    diff.secrets().size(), listed, note);
        }

        @Override
        public String text() {
            return PolicyText.of(this);
        }
    }

    record Current(String policy, String revision, String appliedBy, Instant appliedAt, String sourceFile, String document)
            implements ForPeople {

        @Override
        public String text() {
            return PolicyText.of(this);
        }
    }

    record Rejected(String error, String source, List<PolicyViolation> violations, List<String> lines) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Apply a rotation matrix (YAML text as the body)",
            description = "Validated whole: any mistake rejects the file, every mistake listed with its line. Published to the compacted"
                    + " rotation.policy; registrations whose effective class, owner, contact, cadence or exemption change are"
                    + " re-published to secret.registry. Name the file with 'source' (query or header X-Rotor-Source);"
                    + " who applied it is the token's principal.")
    @APIResponse(responseCode = "200", description = "Applied (or already in force: 'unchanged'), with what changed")
    @APIResponse(responseCode = "400", description = "Rejected whole, nothing published: 'violations' with line, field and message")
    @APIResponse(responseCode = "503", description = "The scheduler is still reading its topics")
    public Applied apply(String document, @QueryParam("source") String source, @HeaderParam("X-Rotor-Source") String sourceHeader) {
        PolicyChange change = policies.apply(document, firstOrDefault(source, sourceHeader), caller.getPrincipal().getName());
        AppliedPolicy applied = change.policy();
        return new Applied(applied.matrix().name(), applied.matrix().revision(), applied.initiator(), applied.appliedAt(),
                applied.sourceFile().orElse(null), change.unchanged(), Changes.of(change.diff()));
    }

    @POST
    @Path("diff")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "What applying this rotation matrix would change; publishes nothing")
    @APIResponse(responseCode = "200", description = "The changes, field by field, and the secrets whose effective policy changes")
    @APIResponse(responseCode = "400", description = "The file has mistakes: 'violations' with line, field and message")
    public Changes diff(String document, @QueryParam("source") String source, @HeaderParam("X-Rotor-Source") String sourceHeader) {
        return Changes.of(policies.diff(document, firstOrDefault(source, sourceHeader)));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The rotation matrix in force: its YAML, revision, who applied it and when")
    @APIResponse(responseCode = "200", description = "The policy in force")
    @APIResponse(responseCode = "404", description = "No policy applied yet")
    public Response current() {
        return policies.current()
                .map(p -> Response.ok(new Current(p.matrix().name(), p.matrix().revision(), p.initiator(), p.appliedAt(),
                        p.sourceFile().orElse(null), p.document())).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ErrorBody("No rotation matrix applied yet: registrations alone decide. Apply one with"
                                + " ./rotor policy apply deploy/policies/rotation-matrix.yaml")).build());
    }

    @ServerExceptionMapper
    Response rejected(PolicyRejectedException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Rejected(e.getMessage(), e.source(), e.violations(), e.lines())).build();
    }

    private static String firstOrDefault(String query, String header) {
        String given = query != null && !query.isBlank() ? query : header;
        return given == null || given.isBlank() ? DEFAULT_SOURCE : given.trim();
    }
}
