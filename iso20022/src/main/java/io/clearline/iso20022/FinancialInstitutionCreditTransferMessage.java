package io.clearline.iso20022;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated financial institution credit transfer message (pacs.009, core or cover).
 *
 * @param messageId the group header's MsgId
 * @param messageDefinition e.g. {@code pacs.009.001.08}
 * @param creationDateTime the group header's CreDtTm
 * @param transactions one entry per CdtTrfTxInf, in document order, never empty
 */
public record FinancialInstitutionCreditTransferMessage(
    String messageId,
    String messageDefinition,
    Instant creationDateTime,
    List<FinancialInstitutionCreditTransfer> transactions) implements InboundMessage {

  public FinancialInstitutionCreditTransferMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(messageDefinition, "messageDefinition");
    Objects.requireNonNull(creationDateTime, "creationDateTime");
    transactions = List.copyOf(transactions);
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException(
          "a financial institution credit transfer message has at least one transaction");
    }
  }

  @Override
  public int transactionCount() {
    return transactions.size();
  }
}
