package dev.rotor.audit.backfill;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a backfill file: JSON lines {@code {"secretId":…,"completedAt":"2026-09-01T03:00:00Z","initiator":…}}.
 * The whole file is checked before anything is published, and every problem of every line is
 * reported, so that an operator fixes the file in one go and an import is all or nothing.
 */
public final class BackfillFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("secretId", "completedAt", "initiator");

    private BackfillFile() {
    }

    /** @throws BackfillRejectedException naming {@code line N: field: problem} for every bad line */
    public static List<BackfillRecord> parse(String body, Instant now) {
        List<BackfillRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = body == null ? new String[0] : body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                parseLine(i + 1, lines[i], now, records, problems);
            }
        }
        if (records.isEmpty() && problems.isEmpty()) {
            problems.add("the file has no records: one JSON object per line, e.g. "
                    + "{\"secretId\":\"db/orders-app\",\"completedAt\":\"2026-09-01T03:00:00Z\",\"initiator\":\"alice\"}");
        }
        if (!problems.isEmpty()) {
            throw new BackfillRejectedException(problems);
        }
        return records;
    }

    private static void parseLine(int number, String line, Instant now, List<BackfillRecord> records, List<String> problems) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            problems.add("line " + number + ": not a JSON object (one record per line: secretId, completedAt, initiator)");
            return;
        }
        int before = problems.size();
        String prefix = "line " + number + ": ";
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(prefix + name + ": unknown field (a record has secretId, completedAt and initiator)");
            }
        }
        String secretId = text(json, "secretId", prefix, problems);
        String initiator = text(json, "initiator", prefix, problems);
        Instant completedAt = instant(json, now, prefix, problems);
        if (problems.size() == before) {
            records.add(new BackfillRecord(secretId, completedAt, initiator));
        }
    }

    private static String text(JsonNode json, String field, String prefix, List<String> problems) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            problems.add(prefix + field + ": missing");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(prefix + field + ": must be a non-empty string");
            return null;
        }
        return value.asText();
    }

    private static Instant instant(JsonNode json, Instant now, String prefix, List<String> problems) {
        String text = text(json, "completedAt", prefix, problems);
        if (text == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(text);
            if (at.isAfter(now)) {
                problems.add(prefix + "completedAt: " + text + " is in the future; a backfill records rotations that happened");
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            problems.add(prefix + "completedAt: '" + text + "' is not an ISO-8601 UTC time such as 2026-09-01T03:00:00Z");
            return null;
        }
    }
}
