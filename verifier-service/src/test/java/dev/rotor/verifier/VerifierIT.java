package dev.rotor.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.EventIds;
import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.schema.VerificationSucceeded;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.testing.RotorStackResource;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;

/**
 * The verifier against the real broker, registry, dev Vault and PostgreSQL: events in and out
 * through the real topics and serde, logins against real roles with scram-sha-256 passwords.
 */
@QuarkusTest
@WithTestResource(value = RotorStackResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
class VerifierIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CREATED_DATABASES = new ArrayList<>();
    private static final List<String> CREATED_ROLES = new ArrayList<>();

    @Inject
    VaultClient vault;

    @ConfigProperty(name = "rotor.verifier.retry.attempts")
    int attempts;

    private KafkaProducer<String, byte[]> producer;
    private AvroKafkaSerializer<SecretUpdated> serializer;

    @BeforeEach
    void connect() {
        serializer = new AvroKafkaSerializer<>();
        // Kafka configures only the serializers it instantiates itself.
        serializer.configure(RotorStack.registry().serdeConfig(), false);
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config,
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        serializer.close();
    }

    @AfterAll
    static void dropTestObjects() throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            for (String database : CREATED_DATABASES) {
                statement.execute("DROP DATABASE IF EXISTS " + statement.enquoteIdentifier(database, true));
            }
            for (String role : CREATED_ROLES) {
                statement.execute("DROP ROLE IF EXISTS " + statement.enquoteIdentifier(role, true));
            }
        }
    }

    @Test
    void aStagedPasswordThatLogsInIsVerified() throws Exception {
        String role = uniqueName("verifier_it_ok");
        String password = newPassword();
        createRole(role, password);
        SecretUpdated event = secretUpdated(role, pg().database(), stage(role, password));

        publish(event);

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.VERIFICATION_SUCCEEDED, event.getSecretId());
        VerificationSucceeded verified = deserialize(Topics.VERIFICATION_SUCCEEDED, record.value(), VerificationSucceeded.class);
        assertThat(verified.getEventId()).isEqualTo(EventIds.of(event.getRotationId(), VerificationSucceeded.class));
        assertThat(verified.getRotationId()).isEqualTo(event.getRotationId());
        assertThat(verified.getProbe()).isEqualTo("postgresql login + SELECT current_user");
        assertThat(verified.getAttempts()).isEqualTo(1);
        assertNoValueIn(record, password);
    }

    @Test
    void aWrongStagedPasswordFailsWithAuthFailedAfterTheConfiguredAttempts() throws Exception {
        String role = uniqueName("verifier_it_wrong");
        String actualPassword = newPassword();
        String stagedPassword = newPassword();
        createRole(role, actualPassword);
        SecretUpdated event = secretUpdated(role, pg().database(), stage(role, stagedPassword));

        publish(event);

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.VERIFICATION_FAILED, event.getSecretId());
        VerificationFailed failed = deserialize(Topics.VERIFICATION_FAILED, record.value(), VerificationFailed.class);
        assertThat(failed.getEventId()).isEqualTo(EventIds.of(event.getRotationId(), VerificationFailed.class));
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.AUTH_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(attempts);
        assertThat(failed.getDetail()).contains("SQLState 28P01").contains(role);
        assertNoValueIn(record, stagedPassword);
        assertNoValueIn(record, actualPassword);
    }

    @Test
    void aRoleThatMayNotConnectFailsWithPermissionAtOnce() throws Exception {
        String role = uniqueName("verifier_it_noconnect");
        String password = newPassword();
        String database = uniqueName("verifier_it_locked");
        createRole(role, password);
        // A database of its own: revoking CONNECT from PUBLIC on the shared one would lock other tests out.
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + statement.enquoteIdentifier(database, true));
            CREATED_DATABASES.add(database);
            statement.execute("REVOKE CONNECT ON DATABASE " + statement.enquoteIdentifier(database, true) + " FROM PUBLIC");
        }
        SecretUpdated event = secretUpdated(role, database, stage(role, password));

        publish(event);

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.VERIFICATION_FAILED, event.getSecretId());
        VerificationFailed failed = deserialize(Topics.VERIFICATION_FAILED, record.value(), VerificationFailed.class);
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.PERMISSION);
        assertThat(failed.getAttempts()).as("a permission problem is not retried").isEqualTo(1);
        assertThat(failed.getDetail()).contains("SQLState 42501").contains("permission denied for database");
        assertNoValueIn(record, password);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextEventIsStillVerified() throws Exception {
        String malformedKey = "malformed/" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.SECRET_UPDATED, malformedKey, "not avro".getBytes(StandardCharsets.UTF_8))).get();
        String role = uniqueName("verifier_it_after_dlq");
        String password = newPassword();
        createRole(role, password);
        SecretUpdated next = secretUpdated(role, pg().database(), stage(role, password));
        publish(next);

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.deadLetter(Topics.SECRET_UPDATED), malformedKey);
        assertThat(header(dead, "dead-letter-reason")).isNotBlank();
        assertThat(header(dead, "deserialization-failure-reason")).isNotBlank();
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.SECRET_UPDATED);
        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.VERIFICATION_SUCCEEDED, next.getSecretId());
        assertThat(deserialize(Topics.VERIFICATION_SUCCEEDED, record.value(), VerificationSucceeded.class).getRotationId())
                .isEqualTo(next.getRotationId());
    }

    private StoreRef stage(String role, String password) {
        String path = "rotor/staging/db/" + role;
        Map<String, Object> data = Map.of("username", role, "password", password, "rotationId", "bookkeeping", "previousVersion", 3);
        vault.secrets().kv2("secret").updateSecret(path, new VaultSecretsKV2UpdateSecretOptions().setCas(0), data)
                .toCompletableFuture().join();
        return new StoreRef("secret", path);
    }

    private void publish(SecretUpdated event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.SECRET_UPDATED, event.getSecretId(), serializer.serialize(Topics.SECRET_UPDATED, event)))
                .get();
    }

    private SecretUpdated secretUpdated(String role, String database, StoreRef staging) {
        return SecretUpdated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(UUID.randomUUID().toString())
                .setSecretId("db/" + role)
                .setOccurredAt(Instant.now())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost(pg().host()).setPort(pg().port()).setDatabase(database)
                        .setRole(role).setAdminPath(null).build())
                .setStaging(staging)
                .setPreviousStoreVersion(3)
                .build();
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " arrived on " + topic + " within " + TIMEOUT);
    }

    private static <T> T deserialize(String topic, byte[] value, Class<T> type) {
        try (AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>()) {
            deserializer.configure(RotorStack.registry().serdeConfig(), false);
            return type.cast(deserializer.deserialize(topic, value));
        }
    }

    // I1: the staged password appears nowhere in what the verifier emits, neither value nor headers.
    private static void assertNoValueIn(ConsumerRecord<String, byte[]> record, String password) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(record.value(), secret)).as("password bytes in the event value").isEqualTo(-1);
        for (Header header : record.headers()) {
            assertThat(indexOf(header.value(), secret)).as("password bytes in header %s", header.key()).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; haystack != null && i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void createRole(String role, String password) throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + statement.enquoteIdentifier(role, true) + " LOGIN PASSWORD "
                    + statement.enquoteLiteral(password));
            CREATED_ROLES.add(role);
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(pg().jdbcUrl(), pg().user(), pg().password());
    }

    // The server RotorStackResource gave the application; static, for the clean-up after all tests.
    private static PostgresSettings pg() {
        Config config = ConfigProvider.getConfig();
        return new PostgresSettings(
                config.getValue("rotor.test.pg.host", String.class),
                config.getValue("rotor.test.pg.port", Integer.class),
                config.getValue("rotor.test.pg.user", String.class),
                config.getValue("rotor.test.pg.password", String.class),
                config.getValue("rotor.test.pg.database", String.class));
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String newPassword() {
        return "pw-" + UUID.randomUUID();
    }
}
