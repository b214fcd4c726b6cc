package io.clearline.iso20022;

import io.clearline.iso20022.TransactionChecks.Agent;
import io.clearline.iso20022.TransactionChecks.Payment;

/**
 * pacs.009 CdtTrfTxInf: a transfer between financial institutions, core or cover. The debtor
 * and creditor are themselves institutions and must be named by BIC, as must the instructing and
 * instructed agents; the debtor's and creditor's agents are optional but checked when named.
 * A cover transfer carries the customer transfer it funds in UndrlygCstmrCdtTrf.
 */
final class Pacs009Transactions
    implements GroupMapper.TransactionMapping<FinancialInstitutionCreditTransfer> {

  private final TransactionChecks checks;

  Pacs009Transactions(TransactionChecks checks) {
    this.checks = checks;
  }

  @Override
  public Checked<FinancialInstitutionCreditTransfer> map(
      ModelNode transaction, ModelNode groupHeader, int position) {
    Agent instructing = new Agent("instructing agent (InstgAgt)", TransactionChecks.agentBic(
        transaction.child("InstgAgt"), groupHeader.child("InstgAgt")));
    Agent instructed = new Agent("instructed agent (InstdAgt)", TransactionChecks.agentBic(
        transaction.child("InstdAgt"), groupHeader.child("InstdAgt")));
    Agent debtor = new Agent("debtor (Dbtr)", Parties.bicOf(transaction.child("Dbtr")));
    Agent creditor = new Agent("creditor (Cdtr)", Parties.bicOf(transaction.child("Cdtr")));
    Agent debtorAgent =
        new Agent("debtor agent (DbtrAgt)", Parties.bicOf(transaction.child("DbtrAgt")));
    Agent creditorAgent =
        new Agent("creditor agent (CdtrAgt)", Parties.bicOf(transaction.child("CdtrAgt")));
    Checked<Payment> checked = checks.payment(transaction, groupHeader, position, where -> {
      Rejection required =
          checks.checkRequiredAgents(where, instructing, instructed, debtor, creditor);
      return required != null
          ? required : checks.checkPresentAgents(where, debtorAgent, creditorAgent);
    });
    if (checked.isRefused()) {
      return Checked.refused(checked.rejection());
    }
    Payment payment = checked.value();
    ModelNode underlying = transaction.child("UndrlygCstmrCdtTrf");
    String underlyingDebtor = Parties.nameOf(underlying.child("Dbtr"));
    String underlyingCreditor = Parties.nameOf(underlying.child("Cdtr"));
    String digest = ContentDigest.digest("pacs.009", payment.uetr(), payment.endToEndId(),
        instructing.bic(), instructed.bic(), debtor.bic(), creditor.bic(), debtorAgent.bic(),
        creditorAgent.bic(), Long.toString(payment.amountMinorUnits()), payment.currency(),
        payment.settlementDate().toString(), Boolean.toString(!underlying.isAbsent()),
        underlyingDebtor, underlyingCreditor);
    return Checked.of(new FinancialInstitutionCreditTransfer(payment.uetr(),
        payment.instructionId(), payment.endToEndId(), payment.transactionId(),
        instructing.bic(), instructed.bic(), debtor.bic(), creditor.bic(), debtorAgent.bic(),
        creditorAgent.bic(), payment.amountMinorUnits(), payment.currency(),
        payment.settlementDate(), !underlying.isAbsent(), underlyingDebtor, underlyingCreditor,
        digest));
  }

  @Override
  public String instructingAgentBic(FinancialInstitutionCreditTransfer transfer) {
    return transfer.instructingAgentBic();
  }
}
