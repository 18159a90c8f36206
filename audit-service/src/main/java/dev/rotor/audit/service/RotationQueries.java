package dev.rotor.audit.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.rotor.audit.stream.AuditTopology;
import dev.rotor.audit.view.RotationFilter;
import dev.rotor.audit.view.RotationView;

/**
 * Rotations across every audit instance: timelines are keyed by rotationId, so one rotation comes
 * from the instance that owns that id, and a list (a secret's rotations, the incomplete ones) from
 * all instances, merged. {@code localOnly} answers from this instance's stores alone.
 */
@ApplicationScoped
public class RotationQueries {

    private static final TypeReference<RotationView> ONE = new TypeReference<>() {
    };
    private static final TypeReference<List<RotationView>> MANY = new TypeReference<>() {
    };
    /** Newest first: what an operator looks at first. */
    private static final Comparator<RotationView> NEWEST_FIRST = Comparator
            .comparing(RotationView::startedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(RotationView::rotationId);

    private final AuditQueries local;
    private final StoreRouting routing;
    private final PeerClient peers;

    RotationQueries(AuditQueries local, StoreRouting routing, PeerClient peers) {
        this.local = local;
        this.routing = routing;
        this.peers = peers;
    }

    public Optional<RotationView> rotation(String rotationId, boolean localOnly) {
        if (!localOnly) {
            Optional<HostInfo> owner = routing.remoteOwnerOf(AuditTopology.ROTATION_TIMELINE_STORE, rotationId);
            if (owner.isPresent()) {
                return peers.get(owner.get(), Paths.of("/api/rotations/" + Paths.encodeId(rotationId), List.of()), ONE);
            }
        }
        return local.rotation(rotationId).map(RotationView::of);
    }

    public List<RotationView> rotations(RotationFilter filter, boolean localOnly) {
        Map<String, RotationView> merged = new HashMap<>();
        local.rotations().stream().map(RotationView::of).filter(filter::matches)
                .forEach(rotation -> merged.putIfAbsent(rotation.rotationId(), rotation));
        if (!localOnly) {
            String path = Paths.of("/api/rotations", filter.queryParameters());
            for (HostInfo peer : routing.otherInstances(AuditTopology.ROTATION_TIMELINE_STORE)) {
                peers.get(peer, path, MANY).orElse(List.of()).forEach(rotation -> merged.putIfAbsent(rotation.rotationId(), rotation));
            }
        }
        return merged.values().stream().sorted(NEWEST_FIRST).toList();
    }
}
