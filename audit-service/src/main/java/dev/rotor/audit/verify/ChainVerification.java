package dev.rotor.audit.verify;

/**
 * The answer of a chain check over rotation.audit.
 *
 * @param records the audit records checked (of the one secret, when asked for one)
 * @param secrets how many secrets they belong to
 * @param replayedCopies records identical to one already seen at the same position: re-emitted on a replay, harmless
 * @param firstBreak the first break found in reading order (partition by partition, by offset), null when intact
 */
public record ChainVerification(boolean intact, long records, int secrets, long replayedCopies, ChainBreak firstBreak) {
}
