package io.clearline.flows.ledger;

import java.time.Instant;

/** A finalised transaction as stored: with every signature, the notary's included, and when it was notarised. */
public record RecordedTransaction(SignedTransaction transaction, Instant notarisedAt) {
}
