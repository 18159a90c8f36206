package dev.rotor.audit.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of GET /api/secrets, all of which must match; a null filter matches everything.
 *
 * @param secretClass the registration's class, exactly
 * @param owner the registration's owner, exactly
 */
public record SecretFilter(Boolean overdue, Boolean breached, String secretClass, String owner) {

    public static final SecretFilter ALL = new SecretFilter(null, null, null, null);

    public boolean matches(SecretView secret) {
        return (overdue == null || overdue == secret.overdue())
                && (breached == null || breached == secret.breached())
                && (secretClass == null || secretClass.equals(secret.secretClass()))
                && (owner == null || owner.equals(secret.owner()));
    }

    /** The same filters as query parameters, for asking another instance. */
    public List<String> queryParameters() {
        List<String> parameters = new ArrayList<>();
        add(parameters, "overdue", overdue);
        add(parameters, "breached", breached);
        add(parameters, "class", secretClass);
        add(parameters, "owner", owner);
        return parameters;
    }

    static void add(List<String> parameters, String name, Object value) {
        if (value != null) {
            parameters.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }
}
