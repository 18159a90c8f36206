package dev.rotor.audit.backfill;

import java.util.List;

/** A backfill file with bad lines: nothing of it was published. */
public class BackfillRejectedException extends RuntimeException {

    private final List<String> problems;

    BackfillRejectedException(List<String> problems) {
        super("Nothing was imported: fix these lines and send the whole file again: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
