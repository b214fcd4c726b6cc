package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.StateAndRef;
import io.clearline.flows.ledger.WireTransaction;
import java.util.List;

/**
 * Builds the payer's proposal from the cash it selected, with the privacy salt its flow journaled (so a
 * re-run builds the same transaction). An interface so tests can play a dishonest payer.
 */
@FunctionalInterface
interface PaymentTransactionBuilder {
    WireTransaction build(PaymentProposal proposal, List<StateAndRef> cashInputs, Party notary, String privacySalt);
}
