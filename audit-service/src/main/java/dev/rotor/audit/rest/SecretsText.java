package dev.rotor.audit.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import dev.rotor.audit.view.SecretView;

/**
 * GET /api/secrets for people ({@code Accept: text/plain}, as ./rotor status asks): one aligned row a secret,
 * overdue and breached ones marked, then the counts. Every other client gets the JSON.
 */
@Provider
@Produces(MediaType.TEXT_PLAIN)
class SecretsText implements MessageBodyWriter<List<SecretView>> {

    private static final List<String> HEADERS = List.of("SECRET", "CLASS", "OWNER", "SINCE-LAST-SUCCESS", "DUE", "OUTCOME", "IN-FLIGHT");

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return List.class.isAssignableFrom(type) && genericType instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == SecretView.class;
    }

    @Override
    public void writeTo(List<SecretView> secrets, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(render(secrets).getBytes(StandardCharsets.UTF_8));
    }

    static String render(List<SecretView> secrets) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        secrets.forEach(secret -> rows.add(Arrays.asList(orDash(secret.secretId()), orDash(secret.secretClass()), orDash(secret.owner()),
                sinceLastSuccess(secret), due(secret), orDash(secret.lastOutcome()), orDash(secret.inFlightRotationId()))));
        int[] widths = new int[HEADERS.size()];
        rows.forEach(row -> Arrays.setAll(widths, i -> Math.max(widths[i], row.get(i).length())));
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length - 1; i++) {
                text.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            text.append(row.get(widths.length - 1)).append('\n');
        }
        return text.append(secrets.size()).append(" secret(s), ").append(secrets.stream().filter(SecretView::overdue).count())
                .append(" overdue, ").append(secrets.stream().filter(SecretView::breached).count()).append(" breached (over 7 days)\n")
                .toString();
    }

    /** Time since the last success; a secret never rotated counts from its registration. */
    private static String sinceLastSuccess(SecretView secret) {
        if (secret.secondsSinceLastSuccess() == null) {
            return "-";
        }
        String age = age(secret.secondsSinceLastSuccess());
        return secret.lastSuccessAt() == null ? age + " (never rotated)" : age;
    }

    private static String due(SecretView secret) {
        if (secret.exempt()) {
            return "exempt until " + orDash(secret.exemptUntil());
        }
        String due = orDash(secret.dueAt());
        return secret.breached() ? due + " BREACHED" : secret.overdue() ? due + " OVERDUE" : due;
    }

    /** The two largest units, as people say it: 40d3h, 5h12m, 42s. */
    static String age(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        return minutes > 0 ? minutes + "m" : seconds + "s";
    }

    private static String orDash(Object value) {
        if (value == null) {
            return "-";
        }
        return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : value.toString();
    }
}
