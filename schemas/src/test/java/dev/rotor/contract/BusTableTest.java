package dev.rotor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.rotor.stack.bus.BusTable;

/** The bus table and the event contract name the same topics: a topic added to one and not the other fails here. */
class BusTableTest {

    private static final String LEADER_TOPIC = "rotor.scheduler.leader";
    private final BusTable table = BusTable.standard();
    private final Set<String> tableTopics = table.topics().stream().map(BusTable.Topic::name).collect(Collectors.toSet());

    @Test
    void everyTopicOfTheContractIsInTheTableWithAWriterAndAReader() {
        List<String> contract = Stream.concat(Topics.AVRO_TOPICS.stream().map(Topics.AvroTopic::name),
                Stream.of(Topics.ROTATION_AUDIT, Topics.ROTATION_AUDIT_CHECKPOINTS)).toList();
        assertThat(tableTopics).containsAll(contract);
        table.topics().stream().filter(topic -> contract.contains(topic.name())).forEach(topic -> {
            assertThat(topic.writers()).as(topic.name() + " writers").isNotEmpty();
            assertThat(topic.readers()).as(topic.name() + " readers").isNotEmpty();
        });
    }

    @Test
    void theTableHoldsNothingButContractTopicsTheirDeadLettersAndTheLeaderElection() {
        Set<String> known = Stream.concat(Topics.AVRO_TOPICS.stream().map(Topics.AvroTopic::name),
                Stream.of(Topics.ROTATION_AUDIT, Topics.ROTATION_AUDIT_CHECKPOINTS)).collect(Collectors.toSet());
        for (String topic : tableTopics) {
            boolean deadLetter = topic.endsWith(".dlq") && known.contains(topic.substring(0, topic.length() - ".dlq".length()));
            assertThat(known.contains(topic) || deadLetter || topic.equals(LEADER_TOPIC)).as(topic).isTrue();
        }
    }

    @Test
    void onlyTheRotatorReportsOutcomesAndOnlyTheVerifierVerdicts() {
        for (BusTable.Topic topic : table.topics()) {
            switch (topic.name()) {
                case Topics.SECRET_UPDATED, Topics.ROTATION_ROLLED_BACK, Topics.ROLLBACK_FAILED, Topics.ROTATION_FAILED ->
                        assertThat(topic.writers()).as(topic.name()).containsExactly("rotor-rotator");
                case Topics.VERIFICATION_SUCCEEDED, Topics.VERIFICATION_FAILED ->
                        assertThat(topic.writers()).as(topic.name()).containsExactly("rotor-verifier");
                case Topics.ROLLBACK_REQUESTED, Topics.SECRET_REGISTRY ->
                        assertThat(topic.writers()).as(topic.name()).containsExactly("rotor-scheduler");
                default -> {
                }
            }
        }
    }
}
