package dev.rotor.scheduler.control;

import java.time.Instant;

import dev.rotor.schema.ControlScope;
import dev.rotor.schema.ControlSource;

/**
 * Scheduled rotations stopped for a scope: everything (GLOBAL, {@code scopeName} null), one class or one
 * secret, by a person or by the scheduler itself (circuit breaker, failure limit), and why.
 */
public record Pause(ControlScope scope, String scopeName, ControlSource source, String initiator, String reason, Instant since) {

    /** The record key on rotation.control: 'global', 'class/<name>' or 'secret/<id>'. */
    public String key() {
        return ControlKeys.of(scope, scopeName);
    }

    /** For answers and log lines: "class database paused by alice since ...: reason". */
    public String describe() {
        String what = switch (scope) {
            case GLOBAL -> "all scheduled rotations";
            case SECRET_CLASS -> "class " + scopeName;
            case SECRET -> "secret " + scopeName;
        };
        String by = source == ControlSource.OPERATOR ? initiator : initiator + " (" + source + ")";
        return what + " paused by " + by + " since " + since + ": " + reason;
    }
}
