package dev.rotor.scheduler.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rotor.contract.Topics;
import dev.rotor.scheduler.control.ControlKeys;
import dev.rotor.schema.ApprovalState;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.ControlSource;
import dev.rotor.schema.EmergencyApproval;
import dev.rotor.schema.PolicyApplied;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.SchedulingControl;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.WaveMember;
/**
 * State on every compacted topic the scheduler reads and then, under the same keys, a 12-byte value that is not Avro.
 * Written through the running scheduler's registry client: Apicurio's serde finds no HTTP client before Quarkus starts.
 */
final class StateWithGarbageOnTop {

    static final byte[] GARBAGE = "not-avro-12!".getBytes(StandardCharsets.UTF_8);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SECRET_ID = "db/garbage-" + RUN;
    static final String REQUEST_ID = UUID.randomUUID().toString();
    static final String POLICY = "garbage-" + RUN;
    static final String SECRET_CLASS = "garbage" + RUN;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** Topic -> the key whose state the garbage must not touch. */
    static final Map<String, String> KEYS = Map.of(Topics.ROTATION_CONTROL, ControlKeys.GLOBAL, Topics.SECRET_REGISTRY, SECRET_ID,
            Topics.ROTATION_APPROVALS, REQUEST_ID, Topics.ROTATION_POLICY, POLICY, Topics.ROTATION_ROLLOUT, SECRET_CLASS);

    private StateWithGarbageOnTop() {
    }

    static void write() throws Exception {
        {
            StackTopics.publish(Topics.ROTATION_CONTROL, ControlKeys.GLOBAL, SchedulingControl.newBuilder().setEventId(UUID.randomUUID())
                    .setOccurredAt(NOW).setScope(ControlScope.GLOBAL).setPaused(true).setSource(ControlSource.OPERATOR)
                    .setInitiator("carol").setReason("freeze before the garbage").build());
            StackTopics.publish(Topics.SECRET_REGISTRY, SECRET_ID, SecretRegistered.newBuilder().setSecretId(SECRET_ID)
                    .setRegisteredAt(NOW).setInitiator("test").setSecretClass(SECRET_CLASS).setOwner("team-test").setCadence("P30D")
                    .setStore(StoreRef.newBuilder().setMount("secret").setPath(SECRET_ID).build())
                    .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5432).setRole("app").build())
                    .build());
            StackTopics.publish(Topics.ROTATION_APPROVALS, REQUEST_ID, EmergencyApproval.newBuilder().setEventId(UUID.randomUUID())
                    .setOccurredAt(NOW).setRequestId(REQUEST_ID).setSecretId(SECRET_ID).setRequestedBy("alice").setReason("key leaked")
                    .setRequestedAt(NOW).setExpiresAt(NOW.plus(Duration.ofDays(1))).setState(ApprovalState.PENDING).build());
            StackTopics.publish(Topics.ROTATION_POLICY, POLICY, PolicyApplied.newBuilder().setEventId(UUID.randomUUID())
                    .setOccurredAt(NOW).setPolicyName(POLICY).setRevision("seeded").setInitiator("test").setDocument("""
                            name: %s
                            classes:
                              %s:
                                owner: team-garbage
                                cadence: P7D
                            """.formatted(POLICY, SECRET_CLASS)).build());
            StackTopics.publish(Topics.ROTATION_ROLLOUT, SECRET_CLASS, RolloutWave.newBuilder().setSecretClass(SECRET_CLASS)
                    .setStartedAt(NOW).setOver(false).setCohort(0).setCohortSize(1).setTripReported(false)
                    .setMembers(List.of(WaveMember.newBuilder().setRotationId(UUID.randomUUID().toString()).setSecretId(SECRET_ID)
                            .setEnded(false).setFailed(false).build())).build());
            for (Map.Entry<String, String> key : KEYS.entrySet()) {
                StackTopics.publishRaw(key.getKey(), key.getValue(), GARBAGE);
            }
        }
    }
}
