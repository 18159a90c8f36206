package dev.rotor.scheduler.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.schedule.PlanEntry;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.service.InvalidRequestException;
import dev.rotor.scheduler.service.ViewNotReadyException;
import dev.rotor.scheduler.service.ViewProgress;

@Path("/api/plan")
@Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
class PlanResource {

    private static final Pattern SHORT = Pattern.compile("(\\d+)([mhd])");

    private final SchedulingEngine engine;
    private final ViewProgress view;
    private final Clock clock;

    PlanResource(SchedulingEngine engine, ViewProgress view, Clock clock) {
        this.engine = engine;
        this.view = view;
        this.clock = clock;
    }

    /** The window as ISO-8601 (PT24H), as the query may be written too; Jackson would write seconds. */
    record Plan(Instant generatedAt, @JsonFormat(shape = JsonFormat.Shape.STRING) Duration window, List<PlanEntry> entries)
            implements ForPeople {

        @Override
        public String text() {
            return PlanText.of(this);
        }
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "What the scheduler would rotate within the window, when and why; emits nothing",
            description = "Per secret due within the window or held back: DUE (at), OVERDUE (next tick), RETRY, EXEMPT (until),"
                    + " PAUSED (by whom, why), OUTSIDE_WINDOW (next opening), WAITING_FOR_COHORT (canary or batch), LIMITED, IN_FLIGHT.")
    @APIResponse(responseCode = "200", description = "The plan")
    @APIResponse(responseCode = "400", description = "The window is not a duration")
    @APIResponse(responseCode = "503", description = "The scheduler is still reading its topics")
    public Plan plan(@QueryParam("window") @DefaultValue("24h") String window) {
        Duration span = parse(window);
        if (!view.caughtUp()) {
            throw new ViewNotReadyException(view.pendingDescription());
        }
        return new Plan(clock.instant(), span, engine.plan(span));
    }

    private static Duration parse(String window) {
        String text = window.trim().toLowerCase(Locale.ROOT);
        Matcher shorthand = SHORT.matcher(text);
        try {
            Duration span = shorthand.matches() ? switch (shorthand.group(2)) {
                case "m" -> Duration.ofMinutes(Long.parseLong(shorthand.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(shorthand.group(1)));
                default -> Duration.ofDays(Long.parseLong(shorthand.group(1)));
            } : Duration.parse(window.trim());
            if (!span.isNegative()) {
                return span;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below, with what a valid window looks like
        }
        throw new InvalidRequestException("No plan: the window is not a duration",
                List.of(new FieldViolation("window", "not a duration: write e.g. 24h, 90m, 7d or PT24H")));
    }
}
