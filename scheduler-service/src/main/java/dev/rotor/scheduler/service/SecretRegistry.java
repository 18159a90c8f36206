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
    /** The policy revision each registration was resolved under, where a policy covered it. */
    private final Map<String, String> policyRevisions = new ConcurrentHashMap<>();

    public void put(ManagedSecret secret) {
        put(secret, null);
    }

    /** A registration as read from secret.registry: its values are those of {@code policyRevision}, if not null. */
    public void put(ManagedSecret secret, String policyRevision) {
        secrets.put(secret.id(), secret);
        if (policyRevision == null) {
            policyRevisions.remove(secret.id());
        } else {
            policyRevisions.put(secret.id(), policyRevision);
        }
    }

    /** A tombstone on the compacted topic: the secret is no longer managed. */
    public void remove(String secretId) {
        secrets.remove(secretId);
        policyRevisions.remove(secretId);
    }

    public Optional<String> policyRevision(String secretId) {
        return Optional.ofNullable(policyRevisions.get(secretId));
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
