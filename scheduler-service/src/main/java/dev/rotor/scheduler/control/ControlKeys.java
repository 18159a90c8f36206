package dev.rotor.scheduler.control;

import dev.rotor.schema.ControlScope;

/** The keys of the compacted rotation.control topic: one latest pause-or-resume per scope. */
public final class ControlKeys {

    public static final String GLOBAL = "global";

    private ControlKeys() {
    }

    public static String of(ControlScope scope, String scopeName) {
        return switch (scope) {
            case GLOBAL -> GLOBAL;
            case SECRET_CLASS -> "class/" + scopeName;
            case SECRET -> "secret/" + scopeName;
        };
    }
}
