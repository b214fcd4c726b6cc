package io.clearline.iso20022;

import io.clearline.iso20022.TransactionChecks.Agent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * pacs.028 FIToFIPmtStsReq, every supported version: GrpHdr, then whole messages asked about
 * (OrgnlGrpInf) and single payments asked about (TxInf). The versions differ only in Prowide's
 * type names, so the model is read by element name like the other messages.
 *
 * <p>Who may ask: the requesting bank is the instructing agent (TxInf/InstgAgt, else
 * GrpHdr/InstgAgt), required with a BIC, the same for every question, and it must be the AppHdr
 * sender and the channel's bank. A bank learns only about its own payments; which payments those
 * are is for the node to decide, since only the core knows payer and payee.
 */
final class StatusRequests {

  private static final String ROOT = "FIToFIPmtStsReq";
  private static final String OWN_PAYMENTS_RULE = "a bank may only ask about its own payments";

  private final GroupMapper mapper;
  private final TransactionChecks checks;

  StatusRequests(GroupMapper mapper, TransactionChecks checks) {
    this.mapper = mapper;
    this.checks = checks;
  }

  /** @param message the parsed {@code MxPacs028001nn} */
  Checked<StatusRequestMessage> map(Object message, String definition) {
    ModelNode document = ModelNode.of(message).child(ROOT);
    ModelNode header = document.child("GrpHdr");
    if (header.isAbsent()) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, "the Document holds no " + ROOT
          + " with a GrpHdr");
    }
    Rejection problem = mapper.checkMessageId(header.text("MsgId"), "GrpHdr/MsgId");
    if (problem != null) {
      return Checked.refused(problem);
    }
    OffsetDateTime created = header.dateTime("CreDtTm");
    if (created == null) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, "GrpHdr/CreDtTm is missing");
    }
    problem = checks.checkCreationDateTime(created, "GrpHdr/CreDtTm");
    if (problem != null) {
      return Checked.refused(problem);
    }
    List<ModelNode> groups = document.children("OrgnlGrpInf");
    List<ModelNode> transactions = document.children("TxInf");
    int count = groups.size() + transactions.size();
    if (count == 0) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, "the status request names no original"
          + " payment: it holds neither OrgnlGrpInf nor TxInf");
    }
    if (count > StatusRequestMessage.REQUESTS_MAX) {
      return refuse(ReasonCode.INVALID_NUMBER_OF_TRANSACTIONS, "the status request asks about "
          + count + " messages and payments; this system answers at most "
          + StatusRequestMessage.REQUESTS_MAX + " per request");
    }
    Agent groupInstructing = new Agent("instructing agent (GrpHdr/InstgAgt)",
        Parties.bicOf(header.child("InstgAgt")));
    Agent groupInstructed = new Agent("instructed agent (GrpHdr/InstdAgt)",
        Parties.bicOf(header.child("InstdAgt")));
    problem = checks.checkPresentAgents("", groupInstructing, groupInstructed);
    if (problem != null) {
      return Checked.refused(problem);
    }
    Requests requests = new Requests();
    for (int index = 0; index < groups.size() && problem == null; index++) {
      problem = messageRequest(groups.get(index), index + 1, groupInstructing, requests);
    }
    for (int index = 0; index < transactions.size() && problem == null; index++) {
      problem = paymentRequest(transactions.get(index), header, index + 1, requests);
    }
    if (problem == null) {
      problem = mapper.checkSender(requests.requesterBic,
          "the requesting agent (InstgAgt) '" + requests.requesterBic + "'", OWN_PAYMENTS_RULE);
    }
    if (problem != null) {
      return Checked.refused(problem);
    }
    return Checked.of(new StatusRequestMessage(header.text("MsgId"), definition,
        created.toInstant(), requests.requesterBic, requests.checked));
  }

  /** The requests checked so far and the one bank they all speak for. */
  private static final class Requests {
    private final List<StatusRequest> checked = new ArrayList<>();
    private String requesterBic;
  }

  /** A document-level OrgnlGrpInf: the status of a whole original message. */
  private Rejection messageRequest(ModelNode group, int position, Agent groupInstructing,
      Requests requests) {
    String where = "original message " + position + ": ";
    String originalMessageId = group.text("OrgnlMsgId");
    if (originalMessageId == null || originalMessageId.isBlank()) {
      return mapper.reject(ReasonCode.INVALID_FILE_FORMAT, where + "OrgnlGrpInf/OrgnlMsgId is"
          + " missing");
    }
    Rejection problem = mapper.checkReferenceLength(originalMessageId,
        where + "OrgnlGrpInf/OrgnlMsgId");
    if (problem == null) {
      problem = checks.checkRequiredAgents(where, groupInstructing);
    }
    if (problem == null) {
      problem = sameRequester(requests, groupInstructing.bic(), where);
    }
    if (problem == null) {
      requests.checked.add(new StatusRequest(null, originalMessageId, group.text("OrgnlMsgNmId"),
          null, null, null, null));
    }
    return problem;
  }

  /** A TxInf: the status of one original payment, named by at least one of its references. */
  private Rejection paymentRequest(ModelNode transaction, ModelNode header, int position,
      Requests requests) {
    String where = "status request " + position + ": ";
    ModelNode original = transaction.child("OrgnlGrpInf");
    String declaredUetr = transaction.text("OrgnlUETR");
    String endToEndId = transaction.text("OrgnlEndToEndId");
    String instructionId = transaction.text("OrgnlInstrId");
    String transactionId = transaction.text("OrgnlTxId");
    if (declaredUetr == null && endToEndId == null && instructionId == null
        && transactionId == null) {
      return mapper.reject(ReasonCode.INVALID_FILE_FORMAT, where + "names no original payment;"
          + " give its OrgnlUETR (Clearline finds payments by UETR), OrgnlEndToEndId,"
          + " OrgnlInstrId or OrgnlTxId");
    }
    Rejection problem = checkReferences(where, transaction.text("StsReqId"),
        original.text("OrgnlMsgId"), instructionId, endToEndId, transactionId);
    if (problem == null) {
      problem = checks.checkUetrFormat(declaredUetr, "OrgnlUETR", where);
    }
    Agent instructing = new Agent("requesting agent (InstgAgt)", TransactionChecks.agentBic(
        transaction.child("InstgAgt"), header.child("InstgAgt")));
    Agent instructed = new Agent("instructed agent (InstdAgt)", TransactionChecks.agentBic(
        transaction.child("InstdAgt"), header.child("InstdAgt")));
    if (problem == null) {
      problem = checks.checkRequiredAgents(where, instructing);
    }
    if (problem == null) {
      problem = checks.checkPresentAgents(where, instructed);
    }
    if (problem == null) {
      problem = sameRequester(requests, instructing.bic(), where);
    }
    if (problem == null) {
      requests.checked.add(new StatusRequest(transaction.text("StsReqId"),
          original.text("OrgnlMsgId"), original.text("OrgnlMsgNmId"), instructionId, endToEndId,
          transactionId, TransactionChecks.normalizedUetr(declaredUetr)));
    }
    return problem;
  }

  private Rejection checkReferences(String where, String statusRequestId,
      String originalMessageId, String instructionId, String endToEndId, String transactionId) {
    Rejection problem = mapper.checkReferenceLength(statusRequestId, where + "StsReqId");
    if (problem == null) {
      problem = mapper.checkReferenceLength(originalMessageId, where + "OrgnlGrpInf/OrgnlMsgId");
    }
    if (problem == null) {
      problem = mapper.checkReferenceLength(instructionId, where + "OrgnlInstrId");
    }
    if (problem == null) {
      problem = mapper.checkReferenceLength(endToEndId, where + "OrgnlEndToEndId");
    }
    if (problem == null) {
      problem = mapper.checkReferenceLength(transactionId, where + "OrgnlTxId");
    }
    return problem;
  }

  /** One status request speaks for one bank; the first question names it. */
  private Rejection sameRequester(Requests requests, String requesterBic, String where) {
    if (requests.requesterBic == null) {
      requests.requesterBic = requesterBic;
      return null;
    }
    if (!requests.requesterBic.equals(requesterBic)) {
      return mapper.reject(ReasonCode.BANK_IDENTIFIER_INCORRECT, where + "the requesting agent '"
          + requesterBic + "' differs from '" + requests.requesterBic
          + "' of the first question; one status request speaks for one bank");
    }
    return null;
  }

  private <T> Checked<T> refuse(String reasonCode, String explanation) {
    return Checked.refused(mapper.reject(reasonCode, explanation));
  }
}
