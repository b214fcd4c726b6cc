package io.clearline.flows.notary.raft;

/**
 * What one replica has committed, in a form two replicas can compare: two replicas that applied the
 * same log up to the same index hold the same rows, so their digests are equal. The digest does not
 * depend on row order, so replicas on different database engines compare too.
 *
 * @param appliedIndex       the last log index whose commits this replica's database holds
 * @param transactionCount   transactions committed
 * @param consumedStateCount input states consumed
 * @param digest             an order-independent SHA-256 sum over every row, hexadecimal
 */
public record ReplicaSummary(long appliedIndex, long transactionCount, long consumedStateCount, String digest) {
}
