package dev.rotor.scheduler.schedule;

import java.util.Collection;

import dev.rotor.schema.RolloutWave;

/** Where the leader keeps each class's wave for the next leader: the compacted rotation.rollout. */
public interface RolloutStore {

    /** Blocking: waits for Kafka's acknowledgement. */
    void save(RolloutWave wave);

    /** The latest wave of each class read back from the topic, from this instance or another; ended ones too. */
    Collection<RolloutWave> saved();
}
