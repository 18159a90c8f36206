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
    private final UnreadableRecords records;
    private final ViewProgress progress;

    SchedulingControlListener(SchedulingControls controls, UnreadableRecords records, ViewProgress progress) {
        this.controls = controls;
        this.records = records;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_CONTROL)
    void consume(ConsumerRecord<String, SchedulingControl> record) {
        try {
            controls.apply(record.key(), records.valueOf(record).orElse(null));
        } finally {
            // A dead-lettered record is read too: readiness must not wait for it.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
