package dev.rotor.audit.stream;

import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.SecretRegistration;
import dev.rotor.audit.domain.SecretState;

/**
 * One thing learnt about a secret: a step of one of its rotations, or its registration. The two
 * streams are merged into one fold so that a registration alone (a secret never rotated) makes a
 * status too, and a changed policy changes the status at once.
 */
record SecretFact(LifecycleEvent event, SecretRegistration registration) {

    static SecretFact of(LifecycleEvent event) {
        return new SecretFact(event, null);
    }

    static SecretFact of(SecretRegistration registration) {
        return new SecretFact(null, registration);
    }

    SecretState applyTo(SecretState state) {
        return event != null ? state.apply(event) : state.apply(registration);
    }
}
