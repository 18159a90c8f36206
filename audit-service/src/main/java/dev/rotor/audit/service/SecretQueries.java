package dev.rotor.audit.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.rotor.audit.stream.AuditTopology;
import dev.rotor.audit.view.SecretFilter;
import dev.rotor.audit.view.SecretView;

/**
 * Secrets across every audit instance: one secret from the instance that owns it, the list from all
 * of them, merged. {@code localOnly} answers from this instance's stores alone (how instances ask each other).
 */
@ApplicationScoped
public class SecretQueries {

    private static final TypeReference<SecretView> ONE = new TypeReference<>() {
    };
    private static final TypeReference<List<SecretView>> MANY = new TypeReference<>() {
    };

    private final AuditQueries local;
    private final StoreRouting routing;
    private final PeerClient peers;
    private final Clock clock;

    SecretQueries(AuditQueries local, StoreRouting routing, PeerClient peers, Clock clock) {
        this.local = local;
        this.routing = routing;
        this.peers = peers;
        this.clock = clock;
    }

    public Optional<SecretView> secret(String secretId, boolean localOnly) {
        if (!localOnly) {
            Optional<HostInfo> owner = routing.remoteOwnerOf(AuditTopology.SECRET_STATUS_STORE, secretId);
            if (owner.isPresent()) {
                return peers.get(owner.get(), Paths.of("/api/secrets/" + Paths.encodeId(secretId), List.of()), ONE);
            }
        }
        return local.secret(secretId).map(state -> SecretView.of(state, clock.instant()));
    }

    /** Matching secrets, by secretId. */
    public List<SecretView> secrets(SecretFilter filter, boolean localOnly) {
        Instant now = clock.instant();
        // By secretId; during a rebalance a secret can be in two instances' answers: one copy is kept.
        Map<String, SecretView> merged = new TreeMap<>();
        local.secrets().stream().map(state -> SecretView.of(state, now)).filter(filter::matches)
                .forEach(secret -> merged.putIfAbsent(secret.secretId(), secret));
        if (!localOnly) {
            String path = Paths.of("/api/secrets", filter.queryParameters());
            for (HostInfo peer : routing.otherInstances(AuditTopology.SECRET_STATUS_STORE)) {
                peers.get(peer, path, MANY).orElse(List.of()).forEach(secret -> merged.putIfAbsent(secret.secretId(), secret));
            }
        }
        return List.copyOf(merged.values());
    }
}
