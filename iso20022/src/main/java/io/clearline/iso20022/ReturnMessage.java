package io.clearline.iso20022;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated payment return message (pacs.004, .001.09 to .001.14).
 *
 * @param messageId the group header's MsgId
 * @param messageDefinition e.g. {@code pacs.004.001.09}
 * @param creationDateTime the group header's CreDtTm
 * @param transactions one entry per TxInf, in document order, never empty
 */
public record ReturnMessage(
    String messageId,
    String messageDefinition,
    Instant creationDateTime,
    List<PaymentReturn> transactions) implements InboundMessage {

  public ReturnMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(messageDefinition, "messageDefinition");
    Objects.requireNonNull(creationDateTime, "creationDateTime");
    transactions = List.copyOf(transactions);
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException("a return message has at least one transaction");
    }
  }

  @Override
  public int transactionCount() {
    return transactions.size();
  }
}
