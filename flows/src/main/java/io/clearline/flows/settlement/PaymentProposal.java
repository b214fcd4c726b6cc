package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Party;

/** What the payer asks the payee to sign for: the payee checks the transaction against exactly this. */
public record PaymentProposal(String uetr, Party payer, Party payee, long amountMinorUnits, String currency) {
}
