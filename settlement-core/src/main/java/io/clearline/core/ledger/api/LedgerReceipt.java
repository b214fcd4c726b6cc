package io.clearline.core.ledger.api;

/** The notarised ledger transaction that carried out a request. */
public record LedgerReceipt(String transactionId) {
}
