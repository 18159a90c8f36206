package dev.rotor.audit.chain;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the audit vouches for at a moment: the end (seq and digest) of every secret's chain that one
 * of its tasks writes, signed with the chain key. Written to rotation.audit.checkpoints (compacted, one
 * key per task partition), it lets a verifier tell a topic that ends early — its tail truncated, or
 * re-created without it — from one that is whole: a chain that ends before the seq a checkpoint
 * vouches for has lost records. A record written after the latest checkpoint is vouched for only by
 * its successor's link.
 *
 * @param partition the partition of the task that wrote it (the input partition of its secrets)
 * @param chains secretId -> the end of its chain
 * @param mac the key's MAC over {@link #signedText}
 */
public record Checkpoint(int partition, Instant writtenAt, SortedMap<String, ChainLink> chains, String mac) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Checkpoint {
        chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
    }

    public static Checkpoint signed(ChainKey key, int partition, Instant writtenAt, Map<String, ChainLink> chains) {
        Checkpoint unsigned = new Checkpoint(partition, writtenAt, new TreeMap<>(chains), null);
        return new Checkpoint(partition, writtenAt, unsigned.chains, key.mac(unsigned.signedText()));
    }

    public boolean isSignedBy(ChainKey key) {
        return key.verifies(signedText(), mac);
    }

    /** Length-prefixed secret ids: no id can be made to look like the end of another entry. */
    private String signedText() {
        StringBuilder text = new StringBuilder("rotor.audit.checkpoint\n").append(partition).append('\n')
                .append(writtenAt.toEpochMilli()).append('\n');
        chains.forEach((secretId, end) -> text.append(secretId.length()).append(':').append(secretId)
                .append(' ').append(end.seq()).append(' ').append(end.hash()).append('\n'));
        return text.toString();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("@timestamp", writtenAt.toString());
        ObjectNode checkpoint = root.withObjectProperty("rotor").withObjectProperty("checkpoint");
        checkpoint.put("partition", partition);
        checkpoint.put("alg", ChainKey.ALGORITHM);
        ArrayNode ends = checkpoint.putArray("chains");
        chains.forEach((secretId, end) -> ends.addObject().put("secret_id", secretId).put("seq", end.seq()).put("digest", end.hash()));
        checkpoint.put("mac", mac);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the audit checkpoint of partition " + partition, e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a checkpoint */
    public static Checkpoint fromJson(byte[] value) {
        try {
            JsonNode root = JSON.readTree(value);
            JsonNode checkpoint = root == null ? JSON.missingNode() : root.path("rotor").path("checkpoint");
            if (!checkpoint.path("partition").canConvertToInt() || !checkpoint.path("chains").isArray()
                    || !ChainKey.ALGORITHM.equals(checkpoint.path("alg").asText())) {
                throw new IllegalArgumentException("not an " + ChainKey.ALGORITHM + " audit checkpoint (rotor.checkpoint with partition, chains, alg)");
            }
            SortedMap<String, ChainLink> chains = new TreeMap<>();
            for (JsonNode end : checkpoint.path("chains")) {
                chains.put(end.path("secret_id").asText(), new ChainLink(end.path("seq").asLong(), end.path("digest").asText()));
            }
            return new Checkpoint(checkpoint.path("partition").asInt(), Instant.parse(root.path("@timestamp").asText()), chains,
                    checkpoint.path("mac").asText(null));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not an audit checkpoint: " + e.getClass().getSimpleName(), e);
        }
    }
}
