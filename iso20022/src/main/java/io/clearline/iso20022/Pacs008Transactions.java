package io.clearline.iso20022;

import io.clearline.iso20022.TransactionChecks.Agent;

/**
 * pacs.008 CdtTrfTxInf: a customer credit transfer between the debtor's and the creditor's
 * agents, all four agents (instructing, instructed, debtor's, creditor's) named by BIC.
 */
final class Pacs008Transactions implements GroupMapper.TransactionMapping<CreditTransfer> {

  private final TransactionChecks checks;

  Pacs008Transactions(TransactionChecks checks) {
    this.checks = checks;
  }

  @Override
  public Checked<CreditTransfer> map(ModelNode transaction, ModelNode groupHeader, int position) {
    Agent instructing = new Agent("instructing agent (InstgAgt)", TransactionChecks.agentBic(
        transaction.child("InstgAgt"), groupHeader.child("InstgAgt")));
    Agent instructed = new Agent("instructed agent (InstdAgt)", TransactionChecks.agentBic(
        transaction.child("InstdAgt"), groupHeader.child("InstdAgt")));
    Agent debtorAgent =
        new Agent("debtor agent (DbtrAgt)", Parties.bicOf(transaction.child("DbtrAgt")));
    Agent creditorAgent =
        new Agent("creditor agent (CdtrAgt)", Parties.bicOf(transaction.child("CdtrAgt")));
    Checked<TransactionChecks.Payment> payment = checks.payment(transaction, groupHeader,
        position, where -> checks.checkRequiredAgents(where,
            instructing, instructed, debtorAgent, creditorAgent));
    if (payment.isRefused()) {
      return Checked.refused(payment.rejection());
    }
    return Checked.of(ContentDigest.transfer(payment.value(), new ContentDigest.Agents(
        instructing.bic(), instructed.bic(), debtorAgent.bic(), creditorAgent.bic()),
        transaction, groupHeader));
  }

  @Override
  public String instructingAgentBic(CreditTransfer transfer) {
    return transfer.instructingAgentBic();
  }
}
