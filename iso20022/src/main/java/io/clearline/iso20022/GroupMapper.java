package io.clearline.iso20022;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers 2 and 3 for a message with a group header and a list of money movements (pacs.008,
 * pacs.009 and pacs.004, every supported version): checks the group header, hands each
 * transaction (CdtTrfTxInf, or TxInf for pacs.004) to the message type's
 * {@link TransactionMapping}, then checks the sender. One instance per message; stops at the
 * first broken rule. The versions differ only in Prowide's type names, so the model is read by
 * element name through {@link ModelNode}.
 */
final class GroupMapper {

  /** Max35Text, the schema's limit for MsgId and the other references. */
  static final int REFERENCE_LENGTH_MAX = 35;

  /**
   * Transactions per pacs.008, pacs.009 or pacs.004. The channel submits a message's payments
   * together and answers once the core has confirmed each, so this bounds the work one message
   * starts; the 1 MiB size cap alone would let through a few thousand minimal transactions.
   */
  static final int TRANSACTIONS_PER_MESSAGE_MAX = 1000;

  /** How one message type checks and maps one transaction. */
  interface TransactionMapping<T> {
    Checked<T> map(ModelNode transaction, ModelNode groupHeader, int position);

    /** The bank whose money moves: it must be the AppHdr sender and the channel's bank. */
    String instructingAgentBic(T transfer);

    /** The repeated transaction element of the message type. */
    default String transactionElement() {
      return "CdtTrfTxInf";
    }

    /** The amount element of a transaction that GrpHdr/CtrlSum adds up. */
    default String amountElement() {
      return "IntrBkSttlmAmt";
    }
  }

  /** The checked group header and transactions of one message. */
  record Group<T>(String messageId, Instant creationDateTime, List<T> transactions) {}

  private final EnvelopeScan scan;
  private final String channelBic;
  private String messageId;

  GroupMapper(EnvelopeScan scan, String channelBic) {
    this.scan = scan;
    this.channelBic = channelBic;
  }

  /**
   * @param message the parsed Prowide message (e.g. an {@code MxPacs008001nn})
   * @param rootElement the Document's child, e.g. {@code FIToFICstmrCdtTrf}
   * @param checks the shared rules, for the group header's creation date-time
   */
  <T> Checked<Group<T>> map(Object message, String rootElement, TransactionMapping<T> mapping,
      TransactionChecks checks) {
    ModelNode document = ModelNode.of(message).child(rootElement);
    ModelNode groupHeader = document.child("GrpHdr");
    if (groupHeader.isAbsent()) {
      return Checked.refused(reject(ReasonCode.INVALID_FILE_FORMAT,
          "the Document holds no " + rootElement + " with a GrpHdr"));
    }
    List<ModelNode> transactions = document.children(mapping.transactionElement());
    Rejection headerProblem = checkGroupHeader(groupHeader, transactions, mapping);
    if (headerProblem == null) {
      headerProblem = checks.checkCreationDateTime(groupHeader.dateTime("CreDtTm"),
          "GrpHdr/CreDtTm");
    }
    if (headerProblem != null) {
      return Checked.refused(headerProblem);
    }
    List<T> transfers = new ArrayList<>();
    for (int index = 0; index < transactions.size(); index++) {
      Checked<T> transfer = mapping.map(transactions.get(index), groupHeader, index + 1);
      if (transfer.isRefused()) {
        return Checked.refused(transfer.rejection());
      }
      Rejection senderProblem =
          checkSender(mapping.instructingAgentBic(transfer.value()), index + 1);
      if (senderProblem != null) {
        return Checked.refused(senderProblem);
      }
      transfers.add(transfer.value());
    }
    return Checked.of(new Group<>(messageId, groupHeader.dateTime("CreDtTm").toInstant(),
        transfers));
  }

  private Rejection checkGroupHeader(ModelNode groupHeader, List<ModelNode> transactions,
      TransactionMapping<?> mapping) {
    Rejection idProblem = checkMessageId(groupHeader.text("MsgId"), "GrpHdr/MsgId");
    if (idProblem != null) {
      return idProblem;
    }
    if (groupHeader.dateTime("CreDtTm") == null) {
      return reject(ReasonCode.INVALID_FILE_FORMAT, "GrpHdr/CreDtTm is missing");
    }
    if (transactions.isEmpty()) {
      return reject(ReasonCode.INVALID_FILE_FORMAT,
          "the message holds no " + mapping.transactionElement());
    }
    if (transactions.size() > TRANSACTIONS_PER_MESSAGE_MAX) {
      return reject(ReasonCode.INVALID_NUMBER_OF_TRANSACTIONS, "the message holds "
          + transactions.size() + " transactions; this node takes at most "
          + TRANSACTIONS_PER_MESSAGE_MAX + " per message: split it");
    }
    String declaredCount = groupHeader.text("NbOfTxs");
    if (declaredCount == null || !declaredCount.equals(Integer.toString(transactions.size()))) {
      return reject(ReasonCode.INVALID_NUMBER_OF_TRANSACTIONS, "GrpHdr/NbOfTxs is '"
          + declaredCount + "' but the message holds " + transactions.size() + " transactions");
    }
    return checkControlSum(groupHeader.decimal("CtrlSum"), "GrpHdr/CtrlSum", transactions,
        mapping.amountElement());
  }

  /**
   * A control sum, when given, must equal the sum of the transactions' amounts (AM10).
   *
   * @param amountElement each transaction's amount element, e.g. {@code IntrBkSttlmAmt}
   */
  Rejection checkControlSum(BigDecimal controlSum, String path, List<ModelNode> transactions,
      String amountElement) {
    if (controlSum == null) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (ModelNode transaction : transactions) {
      BigDecimal amount = transaction.child(amountElement).decimal("Value");
      if (amount != null) {
        sum = sum.add(amount);
      }
    }
    if (controlSum.compareTo(sum) != 0) {
      return reject(ReasonCode.INVALID_CONTROL_SUM, path + " is "
          + controlSum.toPlainString() + " but the amounts add up to " + sum.toPlainString());
    }
    return null;
  }

  /**
   * Checks the message's MsgId (required, Max35Text) and remembers it for later rejections.
   *
   * @param path where the MsgId sits, e.g. {@code GrpHdr/MsgId}
   */
  Rejection checkMessageId(String candidateId, String path) {
    if (candidateId == null || candidateId.isBlank()) {
      return reject(ReasonCode.INVALID_FILE_FORMAT, path + " is missing");
    }
    Rejection lengthProblem = checkReferenceLength(candidateId, path);
    if (lengthProblem == null) {
      messageId = candidateId;
    }
    return lengthProblem;
  }

  /** A Max35Text reference longer than the schema allows; null when absent or within it. */
  Rejection checkReferenceLength(String reference, String path) {
    if (reference != null && reference.length() > REFERENCE_LENGTH_MAX) {
      return reject(ReasonCode.INVALID_FILE_FORMAT, path + " is " + reference.length()
          + " characters, above the limit of " + REFERENCE_LENGTH_MAX);
    }
    return null;
  }

  /**
   * The first of several references that is too long, checked in order, or null. Pairs of
   * (reference, path below {@code where}), so a message's readers list their references once.
   */
  Rejection checkReferenceLengths(String where, String... referencesAndPaths) {
    if (referencesAndPaths.length % 2 != 0) {
      throw new IllegalArgumentException("references and their paths come in pairs");
    }
    for (int index = 0; index < referencesAndPaths.length; index += 2) {
      Rejection problem = checkReferenceLength(referencesAndPaths[index], where + referencesAndPaths[index + 1]);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private Rejection checkSender(String instructingAgentBic, int position) {
    return checkSender(instructingAgentBic,
        "the instructing agent '" + instructingAgentBic + "' of transaction " + position);
  }

  /**
   * The AppHdr sender and the channel must both be the bank whose money moves (pacs: the
   * instructing agent; camt.050: the debtor): a bank may only spend its own money.
   *
   * @param party how the explanation names that bank, e.g. "the debtor (Dbtr) 'X'"
   */
  Rejection checkSender(String payingBankBic, String party) {
    return checkSender(payingBankBic, party, "a bank may only instruct payments from its own account");
  }

  /**
   * The AppHdr sender and the channel must both be the bank the message speaks for.
   *
   * @param rule why, for the explanation, e.g. "a bank may only ask about its own payments"
   */
  Rejection checkSender(String bankBic, String party, String rule) {
    if (scan.hasHeader() && !bankBic.equals(scan.headerFromBic())) {
      return reject(ReasonCode.BANK_IDENTIFIER_INCORRECT, "AppHdr/Fr BIC '"
          + scan.headerFromBic() + "' differs from " + party);
    }
    if (channelBic != null && !bankBic.equals(channelBic)) {
      return reject(ReasonCode.TRANSACTION_FORBIDDEN, party
          + " is not the bank of this channel '" + channelBic + "'; " + rule);
    }
    return null;
  }

  Rejection reject(String reasonCode, String explanation) {
    String knownId = messageId != null ? messageId : scan.headerBusinessMessageId();
    return new Rejection(reasonCode, explanation, knownId, scan.messageDefinition());
  }
}
