package io.clearline.iso20022;

import io.clearline.iso20022.TransactionChecks.Agent;
import java.time.LocalDate;

/**
 * pacs.004 TxInf: a payment return, sent by the bank that received the original payment (the
 * instructing agent, whose money moves back) to the bank that sent it (the instructed agent).
 * Both agents must be named by BIC. Clearline links a return to its payment by OrgnlUETR, so it is
 * required, as is the return reason; the returned amount follows the same amount and currency
 * rules as every other amount.
 */
final class Pacs004Transactions implements GroupMapper.TransactionMapping<PaymentReturn> {

  private final GroupMapper mapper;
  private final TransactionChecks checks;

  Pacs004Transactions(GroupMapper mapper, TransactionChecks checks) {
    this.mapper = mapper;
    this.checks = checks;
  }

  @Override
  public String transactionElement() {
    return "TxInf";
  }

  @Override
  public String amountElement() {
    return "RtrdIntrBkSttlmAmt";
  }

  @Override
  public Checked<PaymentReturn> map(ModelNode transaction, ModelNode groupHeader, int position) {
    String where = "transaction " + position + ": ";
    ModelNode original = transaction.child("OrgnlGrpInf");
    Rejection problem = checkReferences(where, transaction, original);
    if (problem != null) {
      return Checked.refused(problem);
    }
    Checked<String> uetr = checks.requiredUetr(transaction.text("OrgnlUETR"), "OrgnlUETR", where,
        "Clearline links a return to its payment by the payment's UETR");
    if (uetr.isRefused()) {
      return Checked.refused(uetr.rejection());
    }
    Agent instructing = new Agent("instructing agent (InstgAgt)", TransactionChecks.agentBic(
        transaction.child("InstgAgt"), groupHeader.child("InstgAgt")));
    Agent instructed = new Agent("instructed agent (InstdAgt)", TransactionChecks.agentBic(
        transaction.child("InstdAgt"), groupHeader.child("InstdAgt")));
    problem = checks.checkRequiredAgents(where, instructing, instructed);
    if (problem != null) {
      return Checked.refused(problem);
    }
    ModelNode returnedAmount = transaction.child("RtrdIntrBkSttlmAmt");
    Checked<Long> amount = checks.minorUnits(returnedAmount, "RtrdIntrBkSttlmAmt", where);
    if (amount.isRefused()) {
      return Checked.refused(amount.rejection());
    }
    Checked<LocalDate> settlementDate =
        checks.interbankSettlementDate(transaction, groupHeader, where);
    if (settlementDate.isRefused()) {
      return Checked.refused(settlementDate.rejection());
    }
    Checked<String> reason = checks.requiredReason(transaction.children("RtrRsnInf"),
        "RtrRsnInf", where, "a return must say why the payment is sent back");
    if (reason.isRefused()) {
      return Checked.refused(reason.rejection());
    }
    return Checked.of(new PaymentReturn(transaction.text("RtrId"), original.text("OrgnlMsgId"),
        original.text("OrgnlMsgNmId"), transaction.text("OrgnlInstrId"),
        transaction.text("OrgnlEndToEndId"), uetr.value(), instructing.bic(), instructed.bic(),
        amount.value(), returnedAmount.text("Ccy"), settlementDate.value(), reason.value()));
  }

  private Rejection checkReferences(String where, ModelNode transaction, ModelNode original) {
    return mapper.checkReferenceLengths(where,
        transaction.text("RtrId"), "RtrId",
        original.text("OrgnlMsgId"), "OrgnlGrpInf/OrgnlMsgId",
        transaction.text("OrgnlInstrId"), "OrgnlInstrId",
        transaction.text("OrgnlEndToEndId"), "OrgnlEndToEndId");
  }

  @Override
  public String instructingAgentBic(PaymentReturn transfer) {
    return transfer.instructingAgentBic();
  }
}
