package dev.rotor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.rotor.stack.bus.BusLogin;
import dev.rotor.stack.bus.BusTable;
import dev.rotor.stack.testing.RotorStackExtension;

/** The bus as an attacker on it finds it: no login, no entry; a login lets a principal do only what the bus table grants. */
@ExtendWith(RotorStackExtension.class)
class BusSecurityIT {

    @Test
    void theRequesterMayAskForARotationButNotForgeItsOutcomeNorARollback(EmbeddedKafka kafka) throws Exception {
        Map<String, Object> requester = kafka.login("rotor-requester").clientSettings();

        assertThat(send(requester, "rotation.requested").topic()).isEqualTo("rotation.requested");
        for (String forbidden : List.of("secret.updated", "rollback.requested", "rotation.completed", "secret.registry")) {
            assertThatThrownBy(() -> send(requester, forbidden))
                    .as(forbidden).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void onlyTheVerifierMayWriteAVerdict(EmbeddedKafka kafka) {
        for (String other : List.of("rotor-rotator", "rotor-scheduler", "rotor-audit", "rotor-requester")) {
            assertThatThrownBy(() -> send(kafka.login(other).clientSettings(), "verification.succeeded"))
                    .as(other).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** A forged checkpoint could vouch for a truncated chain, and the rotator reads approvals to allow an emergency. */
    @Test
    void onlyTheAuditWritesCheckpointsAndOnlyTheSchedulerWritesApprovals(EmbeddedKafka kafka) {
        for (String other : List.of("rotor-rotator", "rotor-scheduler", "rotor-verifier", "rotor-requester", "rotor-siem")) {
            assertThatThrownBy(() -> send(kafka.login(other).clientSettings(), "rotation.audit.checkpoints"))
                    .as(other).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        for (String other : List.of("rotor-rotator", "rotor-verifier", "rotor-audit", "rotor-requester", "rotor-siem")) {
            assertThatThrownBy(() -> send(kafka.login(other).clientSettings(), "rotation.approvals"))
                    .as(other).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theSiemReadsTheAuditStreamAndNothingElse(EmbeddedKafka kafka) {
        Map<String, Object> siem = kafka.login("rotor-siem").clientSettings();
        assertThat(endOffsets(siem, "rotation.audit")).isNotEmpty();
        for (String forbidden : List.of("secret.registry", "secret.updated", "rotation.requested")) {
            assertThatThrownBy(() -> endOffsets(siem, forbidden)).as(forbidden).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aClientWithoutALoginOrWithAWrongPasswordIsTurnedAway(EmbeddedKafka kafka) {
        Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(anonymous)) {
            // A PLAINTEXT client on a SASL listener never gets an answer it can read.
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
        }
        BusLogin real = kafka.login("rotor-rotator");
        Map<String, Object> wrong = new HashMap<>(new BusLogin(real.bootstrapServers(), real.principal(), "not-" + real.password()).clientSettings());
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void everyTopicOfTheTableExistsAsTheTableSaysAndNoOtherIsCreatedByAccident(EmbeddedKafka kafka) throws Exception {
        BusTable table = BusTable.standard();
        try (Admin admin = Admin.create(kafka.administratorSettings())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (BusTable.Topic topic : table.topics()) {
                assertThat(existing).as("topics").contains(topic.name());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.name())
                        .isEqualTo(topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
                assertThat(admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS).get(topic.name())
                        .partitions()).as(topic.name()).hasSize(topic.partitions());
            }
        }
        Map<String, Object> impatient = new HashMap<>(kafka.administratorSettings());
        impatient.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(3).toMillis());
        assertThatThrownBy(() -> send(impatient, "rotation.requsted")).hasMessageContaining("rotation.requsted");
    }

    @Test
    void theTableNamesOnlyScramPrincipalsOfRotor() {
        assertThat(BusTable.standard().principals())
                .containsExactlyInAnyOrder("rotor-scheduler", "rotor-rotator", "rotor-verifier", "rotor-audit", "rotor-requester", "rotor-siem");
        assertThat(BusLogin.SECURITY_PROTOCOL).isEqualTo("SASL_PLAINTEXT");
        assertThat(new BusLogin("h:1", "p", "s").clientSettings()).containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    }

    private static Map<TopicPartition, Long> endOffsets(Map<String, Object> login, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(login, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(15));
        }
    }

    private static RecordMetadata send(Map<String, Object> login, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, "s-1", "forged")).get(30, TimeUnit.SECONDS);
        }
    }
}
