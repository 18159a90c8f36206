package dev.rotor.scheduler.rest;

import java.util.List;

/** Pauses as ./rotor pauses|pause|resume prints them: one row a pause. */
final class PauseText {

    private PauseText() {
    }

    static String of(List<PauseView> pauses) {
        if (pauses.isEmpty()) {
            return "nothing is paused\n";
        }
        TextTable table = new TextTable("SCOPE", "NAME", "SOURCE", "BY", "SINCE", "REASON");
        pauses.forEach(p -> table.row(p.scope(), p.name(), p.source(), p.initiator(), p.since(), p.reason()));
        return table.toString();
    }

    static String of(PauseResource.Resumed resumed) {
        PauseView lifted = resumed.lifted();
        return "resumed " + resumed.resumed() + " (paused by " + lifted.initiator() + " since " + TextTable.cell(lifted.since()) + ": "
                + lifted.reason() + ")\n";
    }
}
