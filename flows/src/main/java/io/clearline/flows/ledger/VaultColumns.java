package io.clearline.flows.ledger;

/**
 * The queryable fields of a state in the vault. Any may be null when the state type has no such
 * field; {@code linearId} is the business key of a linear state (a UETR for a payment).
 */
public record VaultColumns(String ownerName, String currency, Long amountMinorUnits, String linearId) {
}
