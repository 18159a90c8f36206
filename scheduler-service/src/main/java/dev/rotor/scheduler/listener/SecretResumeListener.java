package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.SchedulingControl;

/**
 * Resumes of single secrets on rotation.control: a resumed secret's run of failures starts again from
 * zero. Read apart from the pauses (which SchedulingControlListener keeps) because the failure count
 * needs the time of the resume, also after a restart that replays the failures before it.
 */
@ApplicationScoped
class SecretResumeListener {

    private final SchedulingEngine engine;

    SecretResumeListener(SchedulingEngine engine) {
        this.engine = engine;
    }

    // A bad record is counted and dead-lettered by the pauses' channel, which reads the same topic: here it is skipped.
    @Incoming(Channels.SECRET_RESUMES)
    void consume(ConsumerRecord<String, SchedulingControl> record) {
        SchedulingControl control = record.value();
        if (control != null && !control.getPaused() && control.getScope() == ControlScope.SECRET && control.getScopeName() != null) {
            engine.secretResumed(control.getScopeName(), control.getOccurredAt());
        }
    }
}
