package dev.rotor.scheduler.rest;

import dev.rotor.scheduler.schedule.PlanEntry;

/** The plan as ./rotor plan prints it: a line saying which window, then one row a secret. */
final class PlanText {

    private PlanText() {
    }

    static String of(PlanResource.Plan plan) {
        String heading = "plan for the next " + plan.window() + " from " + TextTable.cell(plan.generatedAt()) + ": ";
        if (plan.entries().isEmpty()) {
            return heading + "nothing would rotate or is held back\n";
        }
        TextTable table = new TextTable("SECRET", "CLASS", "STATE", "WHEN", "WHY");
        for (PlanEntry entry : plan.entries()) {
            table.row(entry.secretId(), entry.secretClass(), entry.state(), entry.at(), entry.why());
        }
        return heading + plan.entries().size() + " secret(s)\n" + table;
    }
}
