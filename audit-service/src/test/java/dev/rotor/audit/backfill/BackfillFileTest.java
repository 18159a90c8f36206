package dev.rotor.audit.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackfillFileTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void readsOneRecordPerLineAndSkipsBlankLines() {
        List<BackfillRecord> records = BackfillFile.parse("""
                {"secretId":"db/orders-app","completedAt":"2026-09-01T03:00:00Z","initiator":"alice"}

                {"secretId":"db/billing","completedAt":"2026-08-15T10:30:00.000Z","initiator":"bob"}
                """, NOW);

        assertThat(records).containsExactly(
                new BackfillRecord("db/orders-app", Instant.parse("2026-09-01T03:00:00Z"), "alice"),
                new BackfillRecord("db/billing", Instant.parse("2026-08-15T10:30:00Z"), "bob"));
    }

    @Test
    void theRotationIdIsTheSameForTheSameSecretAndTime() {
        BackfillRecord record = new BackfillRecord("db/orders-app", Instant.parse("2026-09-01T03:00:00Z"), "alice");

        assertThat(record.rotationId())
                .isEqualTo(new BackfillRecord("db/orders-app", Instant.parse("2026-09-01T03:00:00.000Z"), "someone else").rotationId())
                .isEqualTo(java.util.UUID.nameUUIDFromBytes("backfill|db/orders-app|2026-09-01T03:00:00Z".getBytes()).toString())
                .isNotEqualTo(new BackfillRecord("db/orders-app", Instant.parse("2026-09-02T03:00:00Z"), "alice").rotationId());
    }

    @Test
    void everyBadLineIsNamedWithItsFieldAndNothingIsAccepted() {
        BackfillRejectedException rejected = catchThrowableOfType(() -> BackfillFile.parse("""
                {"secretId":"db/orders-app","completedAt":"2026-09-01T03:00:00Z","initiator":"alice"}
                {"secretId":"db/billing","completedAt":"yesterday","initiator":"bob"}
                not json
                {"secretId":"","completedAt":"2027-01-01T00:00:00Z","initiator":"carol","note":"x"}
                {"completedAt":"2026-09-01T03:00:00Z"}
                """, NOW), BackfillRejectedException.class);

        assertThat(rejected.problems()).containsExactly(
                "line 2: completedAt: 'yesterday' is not an ISO-8601 UTC time such as 2026-09-01T03:00:00Z",
                "line 3: not a JSON object (one record per line: secretId, completedAt, initiator)",
                "line 4: note: unknown field (a record has secretId, completedAt and initiator)",
                "line 4: secretId: must be a non-empty string",
                "line 4: completedAt: 2027-01-01T00:00:00Z is in the future; a backfill records rotations that happened",
                "line 5: secretId: missing",
                "line 5: initiator: missing");
        assertThat(rejected.getMessage()).startsWith("Nothing was imported");
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThat(catchThrowableOfType(() -> BackfillFile.parse("\n\n", NOW), BackfillRejectedException.class).problems())
                .singleElement().asString().contains("no records");
    }
}
