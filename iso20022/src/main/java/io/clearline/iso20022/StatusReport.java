package io.clearline.iso20022;

import java.time.Instant;
import java.util.Objects;

/**
 * What a pacs.002 payment status report tells a bank about one of its messages: the outcome of a
 * payment it sent, or the current status of a payment it asked about in a pacs.028.
 *
 * <p>Build it with {@link #settled}, {@link #rejectedTransaction} or {@link #rejectedMessage}, or
 * with the constructor for an answer to a status request. Without an original UETR, EndToEndId or
 * InstrId the report is written at group level.
 *
 * @param recipientBic the bank the report goes to (AppHdr To)
 * @param status the transaction (or group) status
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

  /** ISO 20022 transaction status codes (ExternalPaymentTransactionStatus1Code) Clearline reports. */
  public enum Status {
    /** ACSC, AcceptedSettlementCompleted. */
    SETTLED("ACSC"),
    /** RJCT, Rejected. */
    REJECTED("RJCT"),
    /** ACCP, AcceptedCustomerProfile: every check passed; settlement has not started. */
    ACCEPTED("ACCP"),
    /** ACSP, AcceptedSettlementInProcess: liquidity is reserved and the ledger is settling it. */
    SETTLEMENT_IN_PROCESS("ACSP"),
    /** PDNG, Pending: queued, waiting for liquidity or for earlier payments. */
    PENDING("PDNG");

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
    return originalEndToEndId != null || originalUETR != null || originalInstructionId != null;
  }
}
