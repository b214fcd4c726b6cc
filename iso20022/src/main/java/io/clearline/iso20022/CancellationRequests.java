package io.clearline.iso20022;

import io.clearline.iso20022.TransactionChecks.Agent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * camt.056 FIToFIPmtCxlReq, every supported version: the case assignment (Assgnmt), an optional
 * case and control data, then the payments to cancel (Undrlyg/TxInf). The versions differ only in
 * Prowide's type names, so the model is read by element name like the other messages.
 *
 * <p>Who may ask: the assigner, named as an agent by BIC, must be the AppHdr sender and the
 * channel's bank. Whether it is the payer of each payment is for the node to decide.
 *
 * <p>Clearline cancels payment by payment, keyed by UETR: every TxInf needs an OrgnlUETR and a
 * cancellation reason, and an Undrlyg that cancels a whole original message (OrgnlGrpInfAndCxl
 * without TxInf) is refused.
 */
final class CancellationRequests {

  private static final String ROOT = "FIToFIPmtCxlReq";

  private final GroupMapper mapper;
  private final TransactionChecks checks;

  CancellationRequests(GroupMapper mapper, TransactionChecks checks) {
    this.mapper = mapper;
    this.checks = checks;
  }

  /** @param message the parsed {@code MxCamt056001nn} */
  Checked<CancellationRequestMessage> map(Object message, String definition) {
    ModelNode document = ModelNode.of(message).child(ROOT);
    ModelNode assignment = document.child("Assgnmt");
    if (assignment.isAbsent()) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, "the Document holds no " + ROOT
          + " with an Assgnmt");
    }
    Rejection problem = mapper.checkMessageId(assignment.text("Id"), "Assgnmt/Id");
    if (problem != null) {
      return Checked.refused(problem);
    }
    OffsetDateTime created = assignment.dateTime("CreDtTm");
    if (created == null) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, "Assgnmt/CreDtTm is missing");
    }
    problem = checks.checkCreationDateTime(created, "Assgnmt/CreDtTm");
    if (problem != null) {
      return Checked.refused(problem);
    }
    Agent assigner = new Agent("assigner (Assgnmt/Assgnr/Agt)",
        Parties.bicOf(assignment.path("Assgnr", "Agt")));
    Agent assignee = new Agent("assignee (Assgnmt/Assgne/Agt)",
        Parties.bicOf(assignment.path("Assgne", "Agt")));
    problem = checks.checkRequiredAgents("", assigner);
    if (problem == null) {
      problem = checks.checkPresentAgents("", assignee);
    }
    if (problem != null) {
      return Checked.refused(problem);
    }
    Checked<List<ModelNode>> transactions = transactions(document);
    if (transactions.isRefused()) {
      return Checked.refused(transactions.rejection());
    }
    String messageCaseId = document.child("Case").text("Id");
    problem = mapper.checkReferenceLength(messageCaseId, "Case/Id");
    if (problem != null) {
      return Checked.refused(problem);
    }
    List<CancellationRequest> requests = new ArrayList<>();
    for (int index = 0; index < transactions.value().size(); index++) {
      Checked<CancellationRequest> request =
          request(transactions.value().get(index), index + 1, messageCaseId);
      if (request.isRefused()) {
        return Checked.refused(request.rejection());
      }
      requests.add(request.value());
    }
    problem = mapper.checkSender(assigner.bic(), "the assigner (Assgnmt/Assgnr) '"
        + assigner.bic() + "'", "a bank may only ask to cancel its own payments");
    if (problem != null) {
      return Checked.refused(problem);
    }
    return Checked.of(new CancellationRequestMessage(assignment.text("Id"), definition,
        created.toInstant(), assigner.bic(), assignee.bic(), requests));
  }

  /** Every Undrlyg/TxInf, after the Undrlyg and control data rules. */
  private Checked<List<ModelNode>> transactions(ModelNode document) {
    List<ModelNode> underlyings = document.children("Undrlyg");
    List<ModelNode> transactions = new ArrayList<>();
    for (int index = 0; index < underlyings.size(); index++) {
      List<ModelNode> named = underlyings.get(index).children("TxInf");
      if (named.isEmpty()) {
        return refuse(ReasonCode.INVALID_FILE_FORMAT, "Undrlyg " + (index + 1) + " names no"
            + " TxInf; Clearline cancels payment by payment and does not cancel a whole original"
            + " message (OrgnlGrpInfAndCxl)");
      }
      transactions.addAll(named);
    }
    if (transactions.isEmpty()) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, "the message names no payment to cancel"
          + " (Undrlyg/TxInf)");
    }
    ModelNode control = document.child("CtrlData");
    String declaredCount = control.text("NbOfTxs");
    if (declaredCount != null
        && !declaredCount.equals(Integer.toString(transactions.size()))) {
      return refuse(ReasonCode.INVALID_NUMBER_OF_TRANSACTIONS, "CtrlData/NbOfTxs is '"
          + declaredCount + "' but the message holds " + transactions.size() + " transactions");
    }
    Rejection sumProblem = mapper.checkControlSum(control.decimal("CtrlSum"), "CtrlData/CtrlSum",
        transactions, "OrgnlIntrBkSttlmAmt");
    return sumProblem != null ? Checked.refused(sumProblem) : Checked.of(transactions);
  }

  private Checked<CancellationRequest> request(ModelNode transaction, int position,
      String messageCaseId) {
    String where = "transaction " + position + ": ";
    ModelNode original = transaction.child("OrgnlGrpInf");
    String caseId = transaction.child("Case").text("Id");
    Rejection problem = checkReferences(where, transaction, original, caseId);
    if (problem != null) {
      return Checked.refused(problem);
    }
    Checked<String> uetr = checks.requiredUetr(transaction.text("OrgnlUETR"), "OrgnlUETR", where,
        "Clearline cancels payments by their UETR");
    if (uetr.isRefused()) {
      return Checked.refused(uetr.rejection());
    }
    Checked<String> reason = checks.requiredReason(transaction.children("CxlRsnInf"),
        "CxlRsnInf", where, "a cancellation request must say why");
    if (reason.isRefused()) {
      return Checked.refused(reason.rejection());
    }
    return Checked.of(new CancellationRequest(transaction.text("CxlId"),
        caseId != null ? caseId : messageCaseId, original.text("OrgnlMsgId"),
        original.text("OrgnlMsgNmId"), transaction.text("OrgnlInstrId"),
        transaction.text("OrgnlEndToEndId"), uetr.value(), reason.value()));
  }

  private Rejection checkReferences(String where, ModelNode transaction, ModelNode original,
      String caseId) {
    return mapper.checkReferenceLengths(where,
        transaction.text("CxlId"), "CxlId",
        caseId, "Case/Id",
        original.text("OrgnlMsgId"), "OrgnlGrpInf/OrgnlMsgId",
        transaction.text("OrgnlInstrId"), "OrgnlInstrId",
        transaction.text("OrgnlEndToEndId"), "OrgnlEndToEndId");
  }

  private <T> Checked<T> refuse(String reasonCode, String explanation) {
    return Checked.refused(mapper.reject(reasonCode, explanation));
  }
}
