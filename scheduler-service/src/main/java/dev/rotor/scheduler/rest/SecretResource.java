package dev.rotor.scheduler.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.Registration;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.service.RegistrarScope;
import dev.rotor.scheduler.service.RegistrationService;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.SecretRegistry;
import dev.rotor.scheduler.service.UnknownSecretException;

@Path("/api/secrets")
@Produces(MediaType.APPLICATION_JSON)
class SecretResource {

    private final RegistrationService registrations;
    private final SecretRegistry registry;
    private final RotationLedger ledger;
    private final SchedulingEngine engine;
    private final SecurityIdentity caller;
    private final JsonWebToken token;

    SecretResource(RegistrationService registrations, SecretRegistry registry, RotationLedger ledger, SchedulingEngine engine,
            SecurityIdentity caller, JsonWebToken token) {
        this.registrations = registrations;
        this.registry = registry;
        this.ledger = ledger;
        this.engine = engine;
        this.caller = caller;
        this.token = token;
    }

    // The body is read as a tree, not bound to a type: a field that should not be there (a password)
    // must be seen to be refused, not silently dropped.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REGISTRAR)
    @Operation(summary = "Register a managed secret, or replace its registration",
            description = "Locations only, never values: the store entry (and the admin entry, if named) must already exist in Vault"
                    + " with keys username and password. The registration's initiator is the token's principal. A token"
                    + " with a " + RegistrarScope.OWNERS_CLAIM + " or " + RegistrarScope.CLASSES_CLAIM + " claim registers"
                    + " and replaces only registrations whose owner and class those claims cover.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "200", description = "Registration replaced; the first registration time is kept")
    @APIResponse(responseCode = "400", description = "Rejected: every field at fault is named, nothing was registered")
    @APIResponse(responseCode = "403", description = "No registrar role; or the owner or class, or those of the registration it"
            + " would replace, lie outside the token's registrar scope: each is named, nothing was registered")
    @APIResponse(responseCode = "503", description = "Vault unreachable, or the scheduler still reading its topics")
    public Response register(JsonNode body) {
        Registration registration = registrations.register(body, caller.getPrincipal().getName(),
                RegistrarScope.fromClaims(token.getClaim(RegistrarScope.OWNERS_CLAIM), token.getClaim(RegistrarScope.CLASSES_CLAIM)));
        SecretView view = view(registration.secret());
        return registration.replaced()
                ? Response.ok(view).build()
                : Response.created(URI.create("/api/secrets/" + registration.secret().id())).entity(view).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The registered secrets, with the rotation in flight and when the next one is due",
            description = "Admin credentials' paths (target.adminSecret) are shown to the registrar role only.")
    public List<SecretView> list() {
        return registry.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{id: .+}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One registered secret; its id may contain slashes, e.g. /api/secrets/db/orders-app")
    public SecretView get(@PathParam("id") String id) {
        return registry.find(id).map(this::view).orElseThrow(() -> new UnknownSecretException(id));
    }

    private SecretView view(ManagedSecret secret) {
        return SecretView.of(secret, ledger.activity(secret.id()), engine.dueAt(secret), caller.hasRole(Roles.REGISTRAR));
    }
}
