package io.clearline.flows.ledger;

import java.util.Map;

/**
 * How one state type is encoded (deterministically, for the transaction id and for storage), how
 * it is described to readers, and which of its fields the vault indexes.
 */
public interface StateCodec<T extends ContractState> {
    /** A stable name written into every encoding, e.g. {@code cash}. Never change it once used. */
    String typeName();

    Class<T> type();

    void encode(T state, CanonicalWriter out);

    T decode(CanonicalReader in);

    /** Field name to value for read models; amounts as minor units (a {@code Long}) beside their currency. */
    Map<String, Object> describe(T state);

    /** The columns the vault indexes for queries. */
    VaultColumns vaultColumns(T state);
}
