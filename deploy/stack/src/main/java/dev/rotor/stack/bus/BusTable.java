package dev.rotor.stack.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on Rotor's bus, as {@code deploy/kafka/bus.tsv} says: the topics with their partitions and cleanup
 * policy, each topic's writers and readers, the consumer-group prefixes and the Kafka Streams application ids.
 * Principals are named {@code rotor-<name>} after the short names in the table.
 */
public final class BusTable {

    /** The stack's own administrator: a super user, in no row. */
    public static final String ADMINISTRATOR = "rotor-stack";
    private static final String RESOURCE = "/dev/rotor/stack/bus.tsv";
    private static final String NOBODY = "-";

    private final List<Topic> topics;
    private final List<Prefix> groups;
    private final List<Prefix> streams;

    private BusTable(List<Topic> topics, List<Prefix> groups, List<Prefix> streams) {
        this.topics = topics;
        this.groups = groups;
        this.streams = streams;
    }

    /** The table this stack was built with. */
    public static BusTable standard() {
        try (InputStream in = BusTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: build deploy/stack (mvn -pl deploy/stack compile)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BusTable parse(String text) {
        List<Topic> topics = new ArrayList<>();
        List<Prefix> groups = new ArrayList<>();
        List<Prefix> streams = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s+");
            switch (cells[0]) {
                case "group" -> groups.add(prefix(cells, i));
                case "streams" -> streams.add(prefix(cells, i));
                default -> topics.add(topic(cells, i));
            }
        }
        return new BusTable(List.copyOf(topics), List.copyOf(groups), List.copyOf(streams));
    }

    public List<Topic> topics() {
        return topics;
    }

    /** Every principal the table names, the administrator aside. */
    public Set<String> principals() {
        Set<String> names = new TreeSet<>();
        topics.forEach(topic -> {
            names.addAll(topic.writers());
            names.addAll(topic.readers());
        });
        Stream.concat(groups.stream(), streams.stream()).forEach(prefix -> names.add(prefix.principal()));
        return names;
    }

    public List<NewTopic> newTopics() {
        return topics.stream().map(Topic::newTopic).toList();
    }

    /** Exactly what the table allows: writers write, readers read, group members join, Streams apps own their prefix. */
    public List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (Topic topic : topics) {
            ResourcePattern resource = new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL);
            topic.writers().forEach(writer -> acls.add(allow(resource, writer, AclOperation.WRITE)));
            topic.readers().forEach(reader -> acls.add(allow(resource, reader, AclOperation.READ)));
        }
        for (Prefix group : groups) {
            acls.add(allow(new ResourcePattern(ResourceType.GROUP, group.prefix(), PatternType.PREFIXED), group.principal(), AclOperation.READ));
        }
        for (Prefix app : streams) {
            ResourcePattern internalTopics = new ResourcePattern(ResourceType.TOPIC, app.prefix(), PatternType.PREFIXED);
            ResourcePattern transactions = new ResourcePattern(ResourceType.TRANSACTIONAL_ID, app.prefix(), PatternType.PREFIXED);
            acls.add(allow(internalTopics, app.principal(), AclOperation.ALL));
            acls.add(allow(transactions, app.principal(), AclOperation.WRITE));
            acls.add(allow(transactions, app.principal(), AclOperation.DESCRIBE));
            acls.add(allow(new ResourcePattern(ResourceType.GROUP, app.prefix(), PatternType.PREFIXED), app.principal(), AclOperation.READ));
        }
        return acls;
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static Topic topic(String[] cells, int index) {
        if (cells.length != 5) {
            throw mistake(index, "a topic row has five columns: topic partitions cleanup writers readers");
        }
        if (!cells[2].equals(TopicConfig.CLEANUP_POLICY_DELETE) && !cells[2].equals(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw mistake(index, "cleanup is delete or compact, not '" + cells[2] + "'");
        }
        try {
            return new Topic(cells[0], Integer.parseInt(cells[1]), cells[2].equals(TopicConfig.CLEANUP_POLICY_COMPACT),
                    principals(cells[3]), principals(cells[4]));
        } catch (NumberFormatException e) {
            throw mistake(index, "partitions is a number, not '" + cells[1] + "'");
        }
    }

    private static Prefix prefix(String[] cells, int index) {
        if (cells.length != 3) {
            throw mistake(index, "a " + cells[0] + " row is: " + cells[0] + " <prefix> <name>");
        }
        return new Prefix(cells[1], principal(cells[2]));
    }

    private static List<String> principals(String cell) {
        return cell.equals(NOBODY) ? List.of() : Arrays.stream(cell.split(",")).map(BusTable::principal).toList();
    }

    private static String principal(String name) {
        return "rotor-" + name;
    }

    private static IllegalArgumentException mistake(int index, String what) {
        return new IllegalArgumentException("bus.tsv line " + (index + 1) + ": " + what);
    }

    /** A topic of the bus and who may write and read it (as principals). */
    public record Topic(String name, int partitions, boolean compacted, List<String> writers, List<String> readers) {

        NewTopic newTopic() {
            NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
            return compacted ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)) : topic;
        }
    }

    record Prefix(String prefix, String principal) {
    }
}
