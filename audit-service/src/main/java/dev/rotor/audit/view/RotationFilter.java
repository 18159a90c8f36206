package dev.rotor.audit.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of GET /api/rotations, all of which must match; null matches everything.
 *
 * @param incomplete true: only rotations with a standing finding; false: only those without
 */
public record RotationFilter(String secretId, Boolean incomplete) {

    public boolean matches(RotationView rotation) {
        return (secretId == null || secretId.equals(rotation.secretId()))
                && (incomplete == null || incomplete == rotation.incomplete());
    }

    public List<String> queryParameters() {
        List<String> parameters = new ArrayList<>();
        SecretFilter.add(parameters, "secretId", secretId);
        SecretFilter.add(parameters, "incomplete", incomplete);
        return parameters;
    }
}
