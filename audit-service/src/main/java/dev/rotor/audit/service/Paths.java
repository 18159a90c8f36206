package dev.rotor.audit.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Paths of the audit API as another instance is asked for them: always {@code local=true}. */
final class Paths {

    private Paths() {
    }

    static String of(String path, List<String> queryParameters) {
        List<String> parameters = new ArrayList<>(queryParameters);
        parameters.add("local=true");
        return path + "?" + String.join("&", parameters);
    }

    /** Secret ids contain slashes, which stay path separators (the API takes the rest of the path as the id). */
    static String encodeId(String id) {
        return Arrays.stream(id.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
