package io.clearline.flows.ledger;

/** An unconsumed state's reference and its indexed amount, as the vault lists it. */
public record VaultEntry(StateRef ref, String stateType, String ownerName, String currency, long amountMinorUnits) {
}
