package io.clearline.iso20022;

import java.time.Instant;
import java.util.Objects;

/**
 * What a pacs.002 payment status report tells a bank about one of its messages.
 *
 * <p>Build it with {@link #settled}, {@link #rejectedTransaction} or {@link #rejectedMessage}.
 * Without an original UETR or EndToEndId the report is written at group level.
 *
 * @param recipientBic the bank the report goes to (AppHdr To)
 * @param status settled or rejected
 * @param originalMessageId MsgId of the original, or null when it could not be read
 * @param originalMessageDefinition e.g. pacs.008.001.08, or null when unknown
 * @param originalEndToEndId null when unknown
 * @param originalUETR null when unknown
 * @param originalInstructionId null when unknown
 * @param settledAt when the payment settled; required for SETTLED, else null
 * @param reasonCode ISO status reason code; required for REJECTED, else null
 * @param explanation sent as additional information; may be null
 */
public record StatusReport(
    String recipientBic,
    Status status,
    String originalMessageId,
    String originalMessageDefinition,
    String originalEndToEndId,
    String originalUETR,
    String originalInstructionId,
    Instant settledAt,
    String reasonCode,
    String explanation) {

  /** ISO 20022 transaction status codes Clearline reports. */
  public enum Status {
    /** ACSC, AcceptedSettlementCompleted. */
    SETTLED("ACSC"),
    /** RJCT, Rejected. */
    REJECTED("RJCT");

    private final String isoCode;

    Status(String isoCode) {
      this.isoCode = isoCode;
    }

    public String isoCode() {
      return isoCode;
    }
  }

  public StatusReport {
    Objects.requireNonNull(recipientBic, "recipientBic");
    Objects.requireNonNull(status, "status");
    if (status == Status.SETTLED && settledAt == null) {
      throw new IllegalArgumentException("a settled report needs settledAt");
    }
    if (status == Status.REJECTED && reasonCode == null) {
      throw new IllegalArgumentException("a rejected report needs a reasonCode");
    }
  }

  public static StatusReport settled(String recipientBic, CreditTransferMessage message,
      CreditTransfer transfer, Instant settledAt) {
    return new StatusReport(recipientBic, Status.SETTLED, message.messageId(),
        message.messageDefinition(), transfer.endToEndId(), transfer.uetr(),
        transfer.instructionId(), settledAt, null, null);
  }

  public static StatusReport rejectedTransaction(String recipientBic,
      CreditTransferMessage message, CreditTransfer transfer, String reasonCode,
      String explanation) {
    return new StatusReport(recipientBic, Status.REJECTED, message.messageId(),
        message.messageDefinition(), transfer.endToEndId(), transfer.uetr(),
        transfer.instructionId(), null, reasonCode, explanation);
  }

  /** A whole message refused by the reader: answered at group level. */
  public static StatusReport rejectedMessage(String recipientBic, Rejection rejection) {
    return new StatusReport(recipientBic, Status.REJECTED, rejection.messageId(),
        rejection.messageDefinition(), null, null, null, null, rejection.reasonCode(),
        rejection.explanation());
  }

  /** Whether the report names a transaction, or only the message as a whole. */
  public boolean isTransactionLevel() {
    return originalEndToEndId != null || originalUETR != null;
  }
}
