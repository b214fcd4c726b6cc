package io.clearline.flows.ledger;

/**
 * The rules a transaction must obey for the states of one contract. Pure and deterministic: no
 * I/O, no clock, no randomness. A broken rule throws {@link ContractViolationException} with the
 * rule as an English sentence ({@link Requirements#require}).
 */
public interface Contract {
    void verify(LedgerTransaction tx);
}
