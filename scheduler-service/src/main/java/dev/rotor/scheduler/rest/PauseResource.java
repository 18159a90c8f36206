package dev.rotor.scheduler.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.security.identity.SecurityIdentity;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.control.ControlKeys;
import dev.rotor.scheduler.control.Pause;
import dev.rotor.scheduler.control.SchedulingControls;
import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.service.ViewNotReadyException;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.ControlSource;

@Path("/api/pauses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
class PauseResource {

    private final SchedulingControls controls;
    private final ViewProgress view;
    private final SecurityIdentity caller;

    PauseResource(SchedulingControls controls, ViewProgress view, SecurityIdentity caller) {
        this.controls = controls;
        this.view = view;
        this.caller = caller;
    }

    /** Who pauses or resumes is the token's principal. */
    record ControlBody(String scope, String name, String reason) {
    }

    record Resumed(String resumed, PauseView lifted) implements ForPeople {

        @Override
        public String text() {
            return PauseText.of(this);
        }
    }

    /** The JSON is the bare array it always was. */
    record Pauses(@JsonValue List<PauseView> pauses) implements ForPeople {

        @Override
        public String text() {
            return PauseText.of(pauses);
        }
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The pauses in force: global, per class, per secret; by operators, the circuit breaker or the failure limit")
    public Pauses list() {
        return new Pauses(controls.pauses().stream().map(PauseView::of).toList());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Pause scheduled rotations: of everything, of a class, or of one secret",
            description = "Published to the compacted rotation.control. Manual and emergency requests are still published, with a warning.")
    @APIResponse(responseCode = "201", description = "Paused (a pause already there is replaced)")
    @APIResponse(responseCode = "400", description = "scope, name (for class and secret) and reason are required")
    public Response pause(ControlBody body) {
        Target target = target(body, "Pause rejected; nothing was published");
        Pause pause = controls.pause(target.scope(), target.name(), ControlSource.OPERATOR, caller.getPrincipal().getName(),
                body.reason().trim());
        return Response.status(Response.Status.CREATED).entity(PauseView.of(pause)).build();
    }

    @POST
    @Path("resume")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Resume scheduled rotations of a scope that is paused")
    @APIResponse(responseCode = "200", description = "Resumed; 'lifted' is the pause that was in force")
    @APIResponse(responseCode = "400", description = "scope, name (for class and secret) and reason are required")
    @APIResponse(responseCode = "409", description = "Nothing is paused at exactly that scope (the message lists what is)")
    public Response resume(ControlBody body) {
        Target target = target(body, "Resume rejected; nothing was published");
        if (!view.caughtUp()) {
            throw new ViewNotReadyException(view.pendingDescription());
        }
        Optional<Pause> lifted = controls.pauseAt(target.scope(), target.name());
        String key = ControlKeys.of(target.scope(), target.name());
        if (lifted.isEmpty()) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody("Nothing is paused at " + key + ", so nothing was resumed. Paused now: "
                            + controls.pauses().stream().map(Pause::key).toList()
                            + " (a secret is also held by a pause of its class or a global one: resume that scope)")).build();
        }
        controls.resume(target.scope(), target.name(), caller.getPrincipal().getName(), body.reason().trim());
        return Response.ok(new Resumed(key, PauseView.of(lifted.get()))).build();
    }

    private record Target(ControlScope scope, String name) {
    }

    private static Target target(ControlBody body, String rejected) {
        ControlBody given = body == null ? new ControlBody(null, null, null) : body;
        Optional<ControlScope> scope = scope(given.scope());
        Requests check = new Requests()
                .require("reason", given.reason(), "why, in words an on-call engineer can act on");
        if (scope.isEmpty()) {
            check.add(new FieldViolation("scope", "required: one of global, class, secret"));
        } else if (scope.get() != ControlScope.GLOBAL) {
            check.require("name", given.name(), scope.get() == ControlScope.SECRET ? "the secret's id, e.g. db/orders-app"
                    : "the class, e.g. database");
        }
        check.orReject(rejected);
        return new Target(scope.get(), scope.get() == ControlScope.GLOBAL ? null : given.name().trim());
    }

    private static Optional<ControlScope> scope(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "global" -> Optional.of(ControlScope.GLOBAL);
            case "class", "secret_class" -> Optional.of(ControlScope.SECRET_CLASS);
            case "secret" -> Optional.of(ControlScope.SECRET);
            default -> Optional.empty();
        };
    }
}
