package dev.rotor.rotator.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.rotor.rotator.service.RotationSteps;
import dev.rotor.schema.VerificationSucceeded;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
class VerificationSucceededListener {

    private static final Logger LOG = Logger.getLogger(VerificationSucceededListener.class);

    private final RotationSteps steps;

    VerificationSucceededListener(RotationSteps steps) {
        this.steps = steps;
    }

    @Incoming(Channels.VERIFICATION_SUCCEEDED)
    @Blocking(value = Channels.WORKER_POOL, ordered = false)
    void on(VerificationSucceeded event) {
        VerificationSucceeded verified = Payloads.required(event, Channels.VERIFICATION_SUCCEEDED);
        try {
            steps.verified(verified.getSecretId(), verified.getRotationId());
        } catch (RuntimeException e) {
            // The staging entry stays, with the verified credential: the deadline reaper finishes or restores from facts.
            LOG.warnf("Promoting rotation %s of %s gave up (%s); the deadline reaper ends it from its staging entry",
                    verified.getRotationId(), verified.getSecretId(), e.getMessage());
        }
    }
}
