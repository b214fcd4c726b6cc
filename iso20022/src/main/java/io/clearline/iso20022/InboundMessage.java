package io.clearline.iso20022;

import java.time.Instant;

/**
 * A validated inbound message, one record type per kind of business message. Switch over it
 * exhaustively: a new kind is a compile error in every consumer, not a silent fall-through.
 */
public sealed interface InboundMessage
    permits CreditTransferMessage, FinancialInstitutionCreditTransferMessage,
    LiquidityTransferMessage, StatusRequestMessage, CancellationRequestMessage, ReturnMessage {

  /** The group header's MsgId (camt.050: MsgHdr/MsgId; camt.056: Assgnmt/Id). */
  String messageId();

  /** E.g. {@code pacs.008.001.08}. */
  String messageDefinition();

  /**
   * The group header's CreDtTm; null only for a {@link LiquidityTransferMessage} without
   * MsgHdr/CreDtTm, which camt.050 leaves optional.
   */
  Instant creationDateTime();

  /** How many transactions (or, for a status request, questions) the message carries (at least one). */
  int transactionCount();
}
