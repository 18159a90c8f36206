package dev.rotor.scheduler.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each secret's last successful rotation as the audit service reports it on secret.status. */
public final class SecretStatuses {

    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    /** @return whether it changed */
    public boolean lastSuccess(String secretId, Instant at) {
        if (at == null) {
            return false;
        }
        Instant before = lastSuccess.merge(secretId, at, (old, newer) -> newer.isAfter(old) ? newer : old);
        return before.equals(at);
    }

    public void remove(String secretId) {
        lastSuccess.remove(secretId);
    }

    Optional<Instant> lastSuccess(String secretId) {
        return Optional.ofNullable(lastSuccess.get(secretId));
    }
}
