package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns as kubectl prints them: two spaces apart, the last as long as it is; '-' where there is nothing. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        rows.add(headers);
    }

    TextTable row(Object... cells) {
        rows.add(Arrays.stream(cells).map(TextTable::cell).toArray(String[]::new));
        return this;
    }

    /** Seconds are enough for people; the JSON keeps the whole instant. */
    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : value.toString();
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        rows.forEach(row -> Arrays.setAll(widths, i -> Math.max(widths[i], row[i].length())));
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                text.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            text.append(row[columns - 1]).append('\n');
        }
        return text.toString();
    }
}
