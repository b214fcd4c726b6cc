package io.clearline.flows.ledger;

/**
 * What a transaction does to the states of one contract (issue, move, settle). Commands carry no
 * fields in this slice: the name alone is encoded into the transaction id.
 */
public interface CommandData {
    /** A stable name, unique across all contracts, e.g. {@code cash.move}. */
    String commandName();
}
