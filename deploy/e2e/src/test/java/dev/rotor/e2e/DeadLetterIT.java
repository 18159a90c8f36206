package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Topics;
import dev.rotor.e2e.Rotations.ManagedRole;

/** A malformed request is set aside with its reason and loses nothing else: the next request is served. */
class DeadLetterIT extends EndToEndTest {

    @Test
    void aMalformedRequestLandsOnTheDeadLetterTopicAndTheNextRequestIsProcessed() throws Exception {
        byte[] garbage = "{not avro at all}".getBytes(StandardCharsets.UTF_8);
        RawTopics.publish(Topics.ROTATION_REQUESTED, "db/garbage".getBytes(StandardCharsets.UTF_8), garbage);

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters().stream().anyMatch(r -> reason(r) != null));
        ConsumerRecord<byte[], byte[]> dead = deadLetters().stream().filter(r -> reason(r) != null).findFirst().orElseThrow();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("db/garbage");
        assertThat(reason(dead)).isNotBlank();
        assertThat(dead.headers().lastHeader("deserialization-failure-data").value())
                .as("the record's own bytes are kept for a replay").isEqualTo(garbage);

        ManagedRole role = rotations.newRole("after_dlq");
        String rotationId = rotations.request(role.secretId());
        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationCompleted");
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return RawTopics.read(List.of(Topics.deadLetter(Topics.ROTATION_REQUESTED)));
    }

    private static String reason(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
