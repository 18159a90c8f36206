package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.Registration;
import dev.rotor.scheduler.policy.PolicyBook;
import dev.rotor.scheduler.policy.RotationMatrix;

/** Registers managed secrets: validated as a whole, then published to the compacted secret.registry as the policy governs them. */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private final RegistrationValidator validator;
    private final SecretRegistry registry;
    private final ViewProgress view;
    private final Clock clock;
    private final PolicyBook policies;
    private final RegistrationPublisher publisher;

    RegistrationService(RegistrationValidator validator, SecretRegistry registry, ViewProgress view, Clock clock, PolicyBook policies,
            RegistrationPublisher publisher) {
        this.validator = validator;
        this.registry = registry;
        this.view = view;
        this.clock = clock;
        this.policies = policies;
        this.publisher = publisher;
    }

    /**
     * Blocking: asks Vault and waits for Kafka's acknowledgement. {@code registrant}: the caller's principal;
     * {@code scope}: the owners and classes its token may register for.
     */
    public Registration register(JsonNode body, String registrant, RegistrarScope scope) {
        ManagedSecret candidate = validator.validate(body, registrant, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // Before the view is read, "not registered yet" cannot be told from "not read yet": the first registration
        // time (which the cadence counts from) would be lost, and a replaced registration's owner go unchecked.
        if (!view.caughtUp()) {
            throw new ViewNotReadyException(view.pendingDescription());
        }
        Optional<ManagedSecret> existing = registry.find(candidate.id());
        refuseWhatTheScopeExcludes(scope, candidate, existing);
        refuseWhatTheMatrixForbids(candidate);
        // Published as the policy in force governs it: what the audit reads is what the scheduler applies.
        ManagedSecret secret = publisher.publish(
                existing.map(previous -> candidate.registeredSince(previous.registeredAt())).orElse(candidate), policies.current());
        LOG.infof("Registered %s (%s, owner %s, cadence %s, target %s %s:%d role %s)%s", secret.id(), secret.secretClass(),
                secret.owner(), secret.cadence(), secret.target().type(), secret.target().host(), secret.target().port(),
                secret.target().account(), existing.isPresent() ? ", replacing the previous registration" : "");
        return new Registration(secret, existing.isPresent());
    }

    /**
     * The new registration's owner and class must be in scope, and so must those of the registration it replaces: else
     * a registrar for one team could take another team's secret over by registering it again under its own team.
     * Naming the values is safe here: they passed the validator's credential checks, and a 201 shows them too.
     */
    private static void refuseWhatTheScopeExcludes(RegistrarScope scope, ManagedSecret candidate, Optional<ManagedSecret> existing) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!scope.permitsOwner(candidate.owner())) {
            violations.add(new FieldViolation("owner", "owner " + candidate.owner() + " is outside your registrar scope"));
        }
        if (!scope.permitsClass(candidate.secretClass())) {
            violations.add(new FieldViolation("class", "class " + candidate.secretClass() + " is outside your registrar scope"));
        }
        existing.filter(previous -> !scope.permits(previous.owner(), previous.secretClass()))
                .ifPresent(previous -> violations.add(new FieldViolation("id", candidate.id() + " is registered with owner "
                        + previous.owner() + " and class " + previous.secretClass() + ", outside your registrar scope: only a"
                        + " registrar whose scope covers them may replace that registration")));
        if (!violations.isEmpty()) {
            LOG.warnf("Refused %s's registration of %s: %s (token scope %s)", candidate.initiator(), candidate.id(),
                    violations.stream().map(FieldViolation::message).toList(), scope.describe());
            throw new OutsideRegistrarScopeException(candidate.id(), scope, violations);
        }
    }

    /**
     * The rotation matrix in force has the last word: the class's admin and allowed hosts bound what its secrets may
     * name, and a strategy it sets wins over the registration's, so it must fit.
     */
    private void refuseWhatTheMatrixForbids(ManagedSecret candidate) {
        RotationMatrix matrix = policies.current();
        List<FieldViolation> violations = matrix.refusals(candidate, validator::strategyRefusal)
                .stream()
                .map(refusal -> new FieldViolation(refusal.field(), refusal.message() + " (rotation matrix " + matrix.name() + ")"))
                .toList();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(RegistrationValidator.REJECTED, violations);
        }
    }
}
