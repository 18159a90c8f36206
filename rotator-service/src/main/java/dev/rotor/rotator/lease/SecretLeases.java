package dev.rotor.rotator.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.store.Kv;
import dev.rotor.rotator.store.StoreConflict;

/**
 * Serialises one secret's steps across every rotator instance. A request, its verification and a
 * rollback arrive on three topics and may be consumed by three instances; without this, a promote
 * could race a rollback and leave the store and the target on different credentials (I4, I2).
 *
 * <p>A lease is a KV entry beside the staging entry, {@code <mount>/<lease prefix>/<path>}, naming the
 * instance that holds it and until when. It is taken and given back by check-and-set on the entry's
 * own version, so two instances can never both win it. A lease outlives a crashed holder by at most
 * its duration, and not at all when the holder's instance starts again (it knows the lease is its own).
 * The store, not a broker rebalance, decides: it is also what every step's facts are read from.
 */
@ApplicationScoped
public class SecretLeases {

    private static final Logger LOG = Logger.getLogger(SecretLeases.class);
    static final String HOLDER = "holder";
    static final String EXPIRES_AT = "expires_at";

    private final Kv kv;
    private final String prefix;
    private final String instance;
    private final Duration duration;
    private final Clock clock;
    private final LocalLocks local = new LocalLocks();

    @Inject
    SecretLeases(Kv kv, RotatorConfig config) {
        this(kv, config.leasePrefix(), config.instance().orElseGet(() -> "rotator-" + UUID.randomUUID()), config.leaseDuration(),
                Clock.systemUTC());
    }

    public SecretLeases(Kv kv, String prefix, String instance, Duration duration, Clock clock) {
        this.kv = kv;
        this.prefix = prefix;
        this.instance = instance;
        this.duration = duration;
        this.clock = clock;
    }

    /** Runs {@code work} while holding the secret's lease; throws {@link SecretBusy} when another instance holds it. */
    public <T> T hold(ManagedSecret secret, Supplier<T> work) {
        return local.run(secret.secretId(), () -> {
            int held = acquire(secret);
            try {
                return work.get();
            } finally {
                release(secret, held);
            }
        });
    }

    public void hold(ManagedSecret secret, Runnable work) {
        hold(secret, () -> {
            work.run();
            return null;
        });
    }

    /** Secrets whose steps are running or waiting in this process right now. */
    public int localHolders() {
        return local.size();
    }

    private int acquire(ManagedSecret secret) {
        String path = path(secret);
        Optional<Kv.Versioned> lease = kv.read(secret.mount(), path);
        if (lease.isPresent() && !isFree(lease.get())) {
            throw busy(secret, lease.get());
        }
        int cas = lease.map(Kv.Versioned::version).orElse(0);
        try {
            return kv.write(secret.mount(), path, cas, Map.of(HOLDER, instance,
                    EXPIRES_AT, String.valueOf(clock.instant().plus(duration).toEpochMilli())));
        } catch (StoreConflict e) {
            throw new SecretBusy("another rotator instance took the lease of " + secret.secretId() + " first; this step is retried");
        }
    }

    private void release(ManagedSecret secret, int heldVersion) {
        try {
            kv.write(secret.mount(), path(secret), heldVersion, Map.of(HOLDER, instance, EXPIRES_AT, "0"));
        } catch (StoreConflict e) {
            LOG.warnf("The lease of %s expired during a step and was taken over; a step took longer than rotor.rotator.lease-duration"
                    + " (%s): raise it above the targets' worst-case time", secret.secretId(), duration);
        } catch (RuntimeException e) {
            // The step itself is done (or has its own failure to report); the lease then ends by expiry.
            LOG.warnf("Could not give the lease of %s back (%s); it ends by itself by %s", secret.secretId(), e.getMessage(),
                    clock.instant().plus(duration));
        }
    }

    /**
     * Free when expired, given back, or held by this very instance: a lease of this instance that this process does
     * not hold (the local lock is ours) was left by an earlier run that crashed.
     */
    private boolean isFree(Kv.Versioned lease) {
        return instance.equals(lease.string(HOLDER)) || expiresAt(lease).isBefore(clock.instant());
    }

    private SecretBusy busy(ManagedSecret secret, Kv.Versioned lease) {
        return new SecretBusy("rotator instance " + lease.string(HOLDER) + " holds the lease of " + secret.secretId() + " until "
                + expiresAt(lease) + "; this step is retried");
    }

    private static Instant expiresAt(Kv.Versioned lease) {
        String expiresAt = lease.string(EXPIRES_AT);
        return expiresAt == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(expiresAt));
    }

    private String path(ManagedSecret secret) {
        return prefix + "/" + secret.path();
    }
}
