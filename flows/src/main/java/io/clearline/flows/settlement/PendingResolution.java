package io.clearline.flows.settlement;

/**
 * What one recovery run did with the transactions pending longer than
 * {@link ClearlineLedger#PENDING_RECOVERY_AGE_MIN}: finalised everywhere (the notary signed them,
 * again or for the first time), deleted everywhere (the notary refused for good), left to the
 * unfinished flows that own them, or left unresolved for the next run (the notary unreachable, say).
 */
public record PendingResolution(int finalised, int deleted, int leftToFlows, int unresolved) {
}
