package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.rotor.scheduler.control.Pause;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.ControlSource;

/** A pause as the API shows it: scope as people type it (global, class, secret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PauseView(String scope, String name, String key, ControlSource source, String initiator, String reason, Instant since)
        implements ForPeople {

    static PauseView of(Pause pause) {
        return new PauseView(typed(pause.scope()), pause.scopeName(), pause.key(), pause.source(), pause.initiator(), pause.reason(),
                pause.since());
    }

    /** A pause just made: the same row as in the list of pauses. */
    @Override
    public String text() {
        return PauseText.of(List.of(this));
    }

    static String typed(ControlScope scope) {
        return scope == ControlScope.SECRET_CLASS ? "class" : scope.name().toLowerCase(Locale.ROOT);
    }
}
