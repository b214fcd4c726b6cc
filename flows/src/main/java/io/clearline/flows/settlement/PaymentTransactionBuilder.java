package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.StateAndRef;
import io.clearline.flows.ledger.WireTransaction;
import java.util.List;

/** Builds the payer's proposal from the cash it selected. An interface so tests can play a dishonest payer. */
@FunctionalInterface
interface PaymentTransactionBuilder {
    WireTransaction build(PaymentProposal proposal, List<StateAndRef> cashInputs, Party notary);
}
