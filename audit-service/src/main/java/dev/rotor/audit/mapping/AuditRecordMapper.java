package dev.rotor.audit.mapping;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.audit.chain.AuditChain;
import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.domain.EventType;
import dev.rotor.audit.domain.LifecycleEvent;

/**
 * The SIEM's record of one lifecycle event: plain JSON in ECS field names (nested objects, as ECS
 * documents are), so that any consumer reads rotation.audit without a schema registry. It is built
 * from the event's audited details only, which carry no credential.
 */
public final class AuditRecordMapper {

    private static final String ECS_VERSION = "8.11.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRecordMapper() {
    }

    /**
     * The record of the event, chained with {@code key} after {@code previous}, the last record written
     * for the same secret (see AuditChain).
     */
    public static String toJson(LifecycleEvent event, ChainLink previous, ChainKey key) {
        ObjectNode record = toEcs(event);
        put(record, "rotor.chain.seq", previous.seq() + 1);
        put(record, "rotor.chain.prev_hash", AuditChain.keyedLink(key, event.secretId(), previous.hash()));
        put(record, "rotor.chain.alg", ChainKey.ALGORITHM);
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the audit record of event " + event.eventId()
                    + " (" + event.type().schemaName() + ", secret " + event.secretId() + ")", e);
        }
    }

    static ObjectNode toEcs(LifecycleEvent event) {
        ObjectNode record = JSON.createObjectNode();
        record.put("@timestamp", event.occurredAt().toString());
        put(record, "ecs.version", ECS_VERSION);
        put(record, "event.id", event.eventId());
        put(record, "event.kind", "event");
        put(record, "event.action", action(event.type()));
        put(record, "event.outcome", outcome(event.type()));
        record.withObjectProperty("event").putArray("category").add("iam");
        record.withObjectProperty("event").putArray("type").add("change");
        put(record, "user.name", event.initiator());
        put(record, "rotor.secret.id", event.secretId());
        put(record, "rotor.rotation.id", event.rotationId());
        put(record, "rotor.event.type", event.type().schemaName());
        put(record, "rotor.reason", event.reason());
        put(record, "rotor.deadline", event.deadline());
        put(record, "rotor.failure.category", event.category());
        put(record, "rotor.failure.detail", event.detail());
        put(record, "rotor.cause", event.cause());
        put(record, "rotor.verification.probe", event.probe());
        put(record, "rotor.verification.duration_ms", event.durationMs());
        put(record, "rotor.verification.attempts", event.attempts());
        put(record, "rotor.store.version.previous", event.previousStoreVersion());
        put(record, "rotor.store.version.new", event.newStoreVersion());
        return record;
    }

    /** ECS actions name what happened to the secret, past tense, one per step. */
    static String action(EventType type) {
        return switch (type) {
            case ROTATION_REQUESTED -> "secret.rotation.requested";
            case SECRET_UPDATED -> "secret.updated";
            case VERIFICATION_SUCCEEDED -> "secret.verification.succeeded";
            case VERIFICATION_FAILED -> "secret.verification.failed";
            case ROLLBACK_REQUESTED -> "secret.rollback.requested";
            case ROTATION_COMPLETED -> "secret.rotation.completed";
            case ROTATION_ROLLED_BACK -> "secret.rotation.rolled_back";
            case ROLLBACK_FAILED -> "secret.rollback.failed";
            case ROTATION_FAILED -> "secret.rotation.failed";
        };
    }

    /**
     * Whether the step itself succeeded. A request has no outcome yet; a rollback that restored the
     * previous credential succeeded, even though the rotation did not.
     */
    static String outcome(EventType type) {
        return switch (type) {
            case ROTATION_REQUESTED, ROLLBACK_REQUESTED -> "unknown";
            case SECRET_UPDATED, VERIFICATION_SUCCEEDED, ROTATION_COMPLETED, ROTATION_ROLLED_BACK -> "success";
            case VERIFICATION_FAILED, ROLLBACK_FAILED, ROTATION_FAILED -> "failure";
        };
    }

    /** Sets a dotted ECS field as nested objects; an absent value leaves no field (and no empty parent). */
    private static void put(ObjectNode record, String dottedName, Object value) {
        if (value == null) {
            return;
        }
        String[] path = dottedName.split("\\.");
        ObjectNode parent = record;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.withObjectProperty(path[i]);
        }
        String field = path[path.length - 1];
        if (value instanceof Integer number) {
            parent.put(field, number);
        } else if (value instanceof Long number) {
            parent.put(field, number);
        } else if (value instanceof Instant time) {
            parent.put(field, time.toString());
        } else {
            parent.put(field, value.toString());
        }
    }
}
