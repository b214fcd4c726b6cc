package io.clearline.flows.ledger;

import java.util.List;

/**
 * A fact on the ledger. Implementations are immutable records; each state type has a
 * {@link StateCodec} so that it is encoded the same way, byte for byte, everywhere.
 */
public interface ContractState {
    /** The parties that record this state in their vaults and must be told of its changes. */
    List<Party> participants();
}
