package dev.rotor.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.rotor.audit.verify.AuditLogReader;
import dev.rotor.audit.verify.ChainVerification;
import dev.rotor.contract.Roles;

@Path("/api/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class VerifyResource {

    private final AuditLogReader auditLog;

    VerifyResource(AuditLogReader auditLog) {
        this.auditLog = auditLog;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Checks the chain of rotation.audit as the SIEM received it (the topic, from the beginning to its current end):"
            + " seq 1, 2, 3… per secret, each prev_hash the HMAC-SHA256 link of the previous record under the chain key (plain SHA-256 for"
            + " records written before the chain was keyed, reported as unkeyed), and every chain as long as the signed checkpoints vouch;"
            + " names each secret's first break (FORGED, MISSING = dropped, TRUNCATED, EDITED, REORDERED, CONFLICTING_COPY, UNREADABLE)")
    public ChainVerification verify(@Parameter(description = "check this secret's chain only") @QueryParam("secretId") String secretId) {
        return auditLog.verify(SecretResource.blankToNull(secretId));
    }
}
