package io.clearline.iso20022;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated FI-to-FI payment cancellation request (camt.056, .001.08 to .001.11): a bank asks
 * that payments it instructed be cancelled. Answered with a camt.029 per
 * {@link CancellationResolution}. camt.056 has no group header: its case assignment identifies it.
 *
 * @param assignmentId Assgnmt/Id, which plays the part of a message id
 * @param messageDefinition e.g. {@code camt.056.001.08}
 * @param creationDateTime Assgnmt/CreDtTm
 * @param assignerAgentBic Assgnmt/Assgnr/Agt: the bank asking; the reader has checked it is the
 *     AppHdr sender and the channel's bank
 * @param assigneeAgentBic Assgnmt/Assgne/Agt, or null when the assignee is not an agent by BIC
 * @param transactions one entry per Undrlyg/TxInf, in document order, never empty
 */
public record CancellationRequestMessage(
    String assignmentId,
    String messageDefinition,
    Instant creationDateTime,
    String assignerAgentBic,
    String assigneeAgentBic,
    List<CancellationRequest> transactions) implements InboundMessage {

  public CancellationRequestMessage {
    Objects.requireNonNull(assignmentId, "assignmentId");
    Objects.requireNonNull(messageDefinition, "messageDefinition");
    Objects.requireNonNull(creationDateTime, "creationDateTime");
    Identifiers.requireBic(assignerAgentBic, "assignerAgentBic");
    transactions = List.copyOf(transactions);
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException("a cancellation request names at least one payment");
    }
  }

  /** Assgnmt/Id: camt.056 has no MsgId, and its assignment id is unique per message. */
  @Override
  public String messageId() {
    return assignmentId;
  }

  @Override
  public int transactionCount() {
    return transactions.size();
  }
}
