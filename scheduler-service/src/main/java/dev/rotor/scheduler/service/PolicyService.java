package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.PolicyChange;
import dev.rotor.scheduler.policy.AppliedPolicy;
import dev.rotor.scheduler.policy.PolicyBook;
import dev.rotor.scheduler.policy.PolicyDiff;
import dev.rotor.scheduler.policy.PolicyDiffer;
import dev.rotor.scheduler.policy.RotationMatrix;
import dev.rotor.scheduler.policy.yaml.PolicyParser;
import dev.rotor.schema.PolicyApplied;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Applies rotation matrices: validated whole, published to the compacted rotation.policy (the state
 * every instance rebuilds from), then the registrations it changes are re-published to secret.registry.
 */
@ApplicationScoped
public class PolicyService {

    private static final Logger LOG = Logger.getLogger(PolicyService.class);

    private final PolicyBook book;
    private final SecretRegistry registry;
    private final RegistrationPublisher registrations;
    private final RegistrationValidator validator;
    private final ViewProgress view;
    private final Clock clock;
    private final MutinyEmitter<Record<String, PolicyApplied>> policies;

    PolicyService(PolicyBook book, SecretRegistry registry, RegistrationPublisher registrations, RegistrationValidator validator,
            ViewProgress view, Clock clock,
            @Channel(Channels.ROTATION_POLICY_OUT) MutinyEmitter<Record<String, PolicyApplied>> policies) {
        this.book = book;
        this.registry = registry;
        this.registrations = registrations;
        this.validator = validator;
        this.view = view;
        this.clock = clock;
        this.policies = policies;
    }

    /**
     * Blocking: waits for Kafka's acknowledgements.
     *
     * @throws dev.rotor.scheduler.policy.yaml.PolicyRejectedException with every mistake; nothing is published
     */
    public synchronized PolicyChange apply(String document, String source, String initiator) {
        awaitView();
        RotationMatrix matrix = parseAgainstRegistrations(document, source);
        Optional<AppliedPolicy> current = book.applied();
        PolicyDiff diff = PolicyDiffer.diff(current.map(AppliedPolicy::matrix).orElse(null), matrix, registry.all());
        if (current.isPresent() && current.get().matrix().revision().equals(matrix.revision())) {
            return new PolicyChange(current.get(), diff, true);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AppliedPolicy applied = new AppliedPolicy(matrix, document, initiator, Optional.ofNullable(source), now);
        policies.sendAndAwait(Record.of(matrix.name(), PolicyApplied.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(now)
                .setPolicyName(matrix.name())
                .setRevision(matrix.revision())
                .setInitiator(initiator)
                .setSourceFile(source)
                .setDocument(document)
                .build()));
        book.apply(applied);
        List<ManagedSecret> changed = diff.secrets().stream()
                .map(change -> registry.find(change.secretId()))
                .flatMap(Optional::stream)
                .toList();
        registrations.publishAll(changed, matrix);
        LOG.infof("Policy %s revision %s applied by %s from %s: %d classes, %d secret entries; %d registrations re-published",
                matrix.name(), matrix.revision(), initiator, source, matrix.classes().size(), matrix.secrets().size(), changed.size());
        return new PolicyChange(applied, diff, false);
    }

    /** What {@link #apply} would change; publishes nothing. */
    public PolicyDiff diff(String document, String source) {
        awaitView();
        RotationMatrix matrix = parseAgainstRegistrations(document, source);
        return PolicyDiffer.diff(book.applied().map(AppliedPolicy::matrix).orElse(null), matrix, registry.all());
    }

    public Optional<AppliedPolicy> current() {
        return book.applied();
    }

    /**
     * A PolicyApplied read from rotation.policy, by this instance or another; a null value (tombstone)
     * withdraws the policy of that name. The document was validated when it was applied.
     */
    public void applied(String policyName, PolicyApplied event) {
        if (event == null) {
            book.withdraw(policyName);
            return;
        }
        RotationMatrix matrix = PolicyParser.parse(event.getDocument(), Optional.ofNullable(event.getSourceFile()).orElse(policyName));
        book.apply(new AppliedPolicy(matrix, event.getDocument(), event.getInitiator(), Optional.ofNullable(event.getSourceFile()),
                event.getOccurredAt()));
    }

    /** A strategy the matrix sets must be able to rotate every registered secret it governs. */
    private RotationMatrix parseAgainstRegistrations(String document, String source) {
        return PolicyParser.parse(document, source, registry.all(), validator::strategyRefusal);
    }

    // Before the view is read, the policy in force and the registrations are not known yet: a diff against
    // them would be wrong, and re-publishing would miss secrets.
    private void awaitView() {
        if (!view.caughtUp()) {
            throw new ViewNotReadyException(view.pendingDescription());
        }
    }
}
