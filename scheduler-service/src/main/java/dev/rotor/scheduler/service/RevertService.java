package dev.rotor.scheduler.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.store.StoreVersions;
import dev.rotor.schema.RotationReason;

/**
 * Requests a rollback to an earlier store version after a rotation completed: a new rotation (reason REVERT) whose staged
 * credential is that version's, set, verified and promoted like any other, so that the revert is audited and undone the
 * same way if it fails. Checked here only as far as the scheduler can see; the rotator decides from facts when it runs.
 */
@ApplicationScoped
public class RevertService {

    private final SecretRegistry registry;
    private final RotationLedger ledger;
    private final ViewProgress view;
    private final StoreVersions store;
    private final RotationService rotations;

    RevertService(SecretRegistry registry, RotationLedger ledger, ViewProgress view, StoreVersions store, RotationService rotations) {
        this.registry = registry;
        this.ledger = ledger;
        this.view = view;
        this.store = store;
        this.rotations = rotations;
    }

    /** The published request and the store version that was current when it was checked. */
    public record RequestedRevert(RotationRequest request, int currentVersion) {
    }

    /** Blocking: reads the store's metadata and waits for Kafka's acknowledgement. {@code cause} goes to the event's detail. */
    public RequestedRevert revert(String secretId, int toVersion, String initiator, String cause) {
        ManagedSecret secret = registry.find(secretId).orElseThrow(() -> view.secretNotFound(secretId));
        // A revert while a rotation is in flight would be refused by the rotator (IN_PROGRESS) or revert the wrong base.
        ledger.activity(secretId).inFlightRotationId().ifPresent(inFlight -> {
            throw new RevertRefusedException("Rotation " + inFlight + " of '" + secretId + "' is still in flight: wait until it ends,"
                    + " or roll it back first (./rotor rollback " + secretId + "), then ask for version " + toVersion + " again");
        });
        int current = store.currentVersion(secret.store()).orElseThrow(() -> new RevertRefusedException("The store holds no entry at "
                + secret.store().describe() + " for '" + secretId + "', so there is no earlier version to go back to; restore the entry"
                + " in Vault or register the secret's right location (POST /api/secrets)"));
        if (toVersion >= current) {
            throw new InvalidRequestException("Revert request rejected; nothing was published", List.of(new FieldViolation("toVersion",
                    "version " + toVersion + " is not earlier than the current store version " + current + " of " + secret.store().describe()
                            + (current == 1 ? ": the entry has only version 1, so there is none to go back to"
                                    : ": ask for one from 1 to " + (current - 1)))));
        }
        RotationRequest request = rotations.newRequest(UUID.randomUUID().toString(), secretId, RotationReason.REVERT, initiator, 1, null,
                cause).revertingTo(toVersion);
        return new RequestedRevert(rotations.publish(request), current);
    }
}
