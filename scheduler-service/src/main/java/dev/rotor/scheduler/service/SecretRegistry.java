package dev.rotor.scheduler.service;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.ManagedSecret;

/** The managed secrets as the scheduler knows them: secret.registry, read from the start, plus its own registrations. */
@ApplicationScoped
public class SecretRegistry {

    private final Map<String, ManagedSecret> secrets = new ConcurrentHashMap<>();

    public void put(ManagedSecret secret) {
        secrets.put(secret.id(), secret);
    }

    /** A tombstone on the compacted topic: the secret is no longer managed. */
    public void remove(String secretId) {
        secrets.remove(secretId);
    }

    public Optional<ManagedSecret> find(String secretId) {
        return Optional.ofNullable(secrets.get(secretId));
    }

    /** A live view, for the scheduling index: no copy of 100,000 ids. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(secrets.keySet());
    }

    public List<ManagedSecret> all() {
        return secrets.values().stream().sorted(Comparator.comparing(ManagedSecret::id)).toList();
    }
}
