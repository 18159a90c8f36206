package dev.rotor.audit.verify;

import java.util.List;

/**
 * The answer of a chain check over rotation.audit and its checkpoints.
 *
 * @param records the audit records checked (of the one secret, when asked for one)
 * @param secrets how many secrets they belong to
 * @param replayedCopies records identical to one already seen at the same position: re-emitted on a replay, harmless
 * @param firstBreak the first break found in reading order (partition by partition, by offset; then the checkpoints' findings), null when intact
 * @param keyed whether every record checked carries an HMAC-SHA256 link (none is of the unkeyed kind written before the key)
 * @param unkeyedRecords records with a plain SHA-256 link, written before the chain was keyed: checked, but anyone who can write the topic could have made them
 * @param checkpoints the signed checkpoints (latest per task partition) the chains were checked against
 * @param breaks the first break of every secret whose chain breaks, and every checkpoint that is not genuine, in the order found
 */
public record ChainVerification(boolean intact, long records, int secrets, long replayedCopies, ChainBreak firstBreak,
        boolean keyed, long unkeyedRecords, int checkpoints, List<ChainBreak> breaks) {
}
