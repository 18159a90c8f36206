package dev.rotor.scheduler.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.schedule.RolloutStore;
import dev.rotor.schema.RolloutWave;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * The waves on rotation.rollout: the leader writes them, and every instance reads them back from the
 * start (its view), so that whichever leads next finds the latest wave of each class.
 */
@ApplicationScoped
public class RolloutTopic implements RolloutStore {

    private final MutinyEmitter<Record<String, RolloutWave>> waves;
    private final Map<String, RolloutWave> latest = new ConcurrentHashMap<>();

    RolloutTopic(@Channel(Channels.ROTATION_ROLLOUT_OUT) MutinyEmitter<Record<String, RolloutWave>> waves) {
        this.waves = waves;
    }

    @Override
    public void save(RolloutWave wave) {
        waves.sendAndAwait(Record.of(wave.getSecretClass(), wave));
        latest.put(wave.getSecretClass(), wave);
    }

    @Override
    public Collection<RolloutWave> saved() {
        return List.copyOf(latest.values());
    }

    /** A wave read from rotation.rollout; a null value (a tombstone someone wrote to reset a class) forgets it. */
    public void read(String secretClass, RolloutWave wave) {
        if (wave == null) {
            latest.remove(secretClass);
        } else {
            latest.put(secretClass, wave);
        }
    }
}
