package dev.rotor.audit.rest;

import java.time.Clock;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.rotor.audit.backfill.BackfillFile;
import dev.rotor.audit.backfill.BackfillPublisher;
import dev.rotor.audit.backfill.BackfillRecord;
import dev.rotor.contract.Roles;

@Path("/api/backfill")
@Tag(name = "backfill")
public class BackfillResource {

    private final BackfillPublisher publisher;
    private final Clock clock;

    BackfillResource(BackfillPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param imported the records (lines) published; @param secrets how many secrets they are about */
    public record BackfillResult(int imported, long secrets) {
    }

    @POST
    @RolesAllowed(Roles.AUDITOR)
    // JSON lines; whatever content type a client labels them with (./rotor sends application/json).
    @Consumes({ "application/x-ndjson", "application/jsonl", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Imports historical rotations, one JSON object per line: {\"secretId\":…,\"completedAt\":\"2026-09-01T03:00:00Z\",\"initiator\":…};"
            + " each becomes RotationRequested (reason BACKFILL) + RotationCompleted at completedAt. Ids are derived: importing again changes nothing")
    @APIResponse(responseCode = "400", description = "Bad lines, each named 'line N: field: problem'; nothing was published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every event; send the same file again")
    public BackfillResult importHistory(String body) {
        List<BackfillRecord> records = BackfillFile.parse(body, clock.instant());
        publisher.publish(records);
        return new BackfillResult(records.size(), records.stream().map(BackfillRecord::secretId).distinct().count());
    }
}
