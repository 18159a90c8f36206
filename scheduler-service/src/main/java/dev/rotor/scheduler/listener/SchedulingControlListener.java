package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.control.SchedulingControls;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.SchedulingControl;

/** rotation.control into the pauses in force, from this instance or any other. */
@ApplicationScoped
class SchedulingControlListener {

    private final SchedulingControls controls;
    private final ViewProgress progress;

    SchedulingControlListener(SchedulingControls controls, ViewProgress progress) {
        this.controls = controls;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_CONTROL)
    void consume(ConsumerRecord<String, SchedulingControl> record) {
        controls.apply(record.key(), record.value());
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
