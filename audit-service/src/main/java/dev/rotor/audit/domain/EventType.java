package dev.rotor.audit.domain;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The steps of a rotation, named as their Avro schemas are, in protocol order. The order breaks ties
 * between events with the same {@code occurredAt}: a step never precedes the one that caused it.
 */
public enum EventType {
    ROTATION_REQUESTED("RotationRequested", 0, RotationState.IN_FLIGHT),
    SECRET_UPDATED("SecretUpdated", 1, RotationState.IN_FLIGHT),
    VERIFICATION_SUCCEEDED("VerificationSucceeded", 2, RotationState.IN_FLIGHT),
    VERIFICATION_FAILED("VerificationFailed", 2, RotationState.IN_FLIGHT),
    ROLLBACK_REQUESTED("RollbackRequested", 3, RotationState.IN_FLIGHT),
    ROTATION_COMPLETED("RotationCompleted", 4, RotationState.COMPLETED),
    ROTATION_ROLLED_BACK("RotationRolledBack", 4, RotationState.ROLLED_BACK),
    ROLLBACK_FAILED("RollbackFailed", 4, RotationState.ROLLBACK_FAILED),
    ROTATION_FAILED("RotationFailed", 4, RotationState.FAILED);

    private final String schemaName;
    private final int stepOrder;
    private final RotationState resultingState;

    EventType(String schemaName, int stepOrder, RotationState resultingState) {
        this.schemaName = schemaName;
        this.stepOrder = stepOrder;
        this.resultingState = resultingState;
    }

    @JsonValue
    public String schemaName() {
        return schemaName;
    }

    public int stepOrder() {
        return stepOrder;
    }

    /** The state a rotation is in once this event happened. */
    public RotationState resultingState() {
        return resultingState;
    }

    public boolean isTerminal() {
        return resultingState.isTerminal();
    }

    @JsonCreator
    public static EventType ofSchemaName(String schemaName) {
        return Arrays.stream(values())
                .filter(type -> type.schemaName.equals(schemaName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + schemaName + "' is not a rotation lifecycle event"));
    }
}
