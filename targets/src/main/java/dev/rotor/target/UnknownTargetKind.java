package dev.rotor.target;

import java.util.Set;

/** A target of a type no kind on this classpath serves: a registration written past the scheduler's validation. */
public class UnknownTargetKind extends IllegalArgumentException {

    public UnknownTargetKind(String type, Set<String> known) {
        super("target type '" + type + "' is not one this service can handle (it knows " + known
                + "); register the secret with one of those types");
    }
}
