package io.clearline.iso20022;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated FI-to-FI payment status request (pacs.028, .001.03 to .001.06): a bank asks the
 * settlement system for the current status of payments it sent or received. Answered with a
 * pacs.002 per {@link StatusReport}.
 *
 * @param messageId GrpHdr/MsgId
 * @param messageDefinition e.g. {@code pacs.028.001.03}
 * @param creationDateTime GrpHdr/CreDtTm
 * @param requestingAgentBic the bank asking: InstgAgt of the requests (transaction level, else the
 *     group header's); the reader has checked it is the AppHdr sender and the channel's bank
 * @param requests one entry per OrgnlGrpInf (whole messages) then per TxInf, in document order;
 *     never empty and at most {@link #REQUESTS_MAX}
 */
public record StatusRequestMessage(
    String messageId,
    String messageDefinition,
    Instant creationDateTime,
    String requestingAgentBic,
    List<StatusRequest> requests) implements InboundMessage {

  /**
   * The most payments one status request may ask about. Each one is a look-up in the core, so an
   * unbounded request would let one message hold a channel for as long as it likes.
   */
  public static final int REQUESTS_MAX = 100;

  public StatusRequestMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(messageDefinition, "messageDefinition");
    Objects.requireNonNull(creationDateTime, "creationDateTime");
    Identifiers.requireBic(requestingAgentBic, "requestingAgentBic");
    requests = List.copyOf(requests);
    if (requests.isEmpty() || requests.size() > REQUESTS_MAX) {
      throw new IllegalArgumentException(
          "a status request asks about 1 to " + REQUESTS_MAX + " payments: " + requests.size());
    }
  }

  @Override
  public int transactionCount() {
    return requests.size();
  }
}
