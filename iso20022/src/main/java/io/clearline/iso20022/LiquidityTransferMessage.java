package io.clearline.iso20022;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A validated liquidity credit transfer (camt.050 LiquidityCreditTransfer, .001.05 to .001.07):
 * one bank moving its own liquidity between accounts at the settlement system. Field names follow
 * the schema's LqdtyCdtTrf elements.
 *
 * @param messageId MsgHdr/MsgId
 * @param messageDefinition e.g. {@code camt.050.001.05}
 * @param creationDateTime MsgHdr/CreDtTm, or null: camt.050 makes it optional (T2 CLM omits it)
 * @param liquidityTransferId LqdtyTrfId/EndToEndId, else LqdtyTrfId/InstrId, or null when the
 *     message has no LqdtyTrfId (optional in the schema; MsgId then identifies the transfer)
 * @param debtorBic Dbtr/FinInstnId/BICFI: the bank whose account is debited and who must send
 * @param debtorAccount DbtrAcct/Id (IBAN, else Othr/Id), or null
 * @param creditorBic Cdtr/FinInstnId/BICFI, or null when the creditor is named by account only
 * @param creditorAccount CdtrAcct/Id (IBAN, else Othr/Id), or null when Cdtr is named
 * @param amountMinorUnits TrfdAmt/AmtWthCcy in the currency's minor units, above zero
 * @param currency TrfdAmt/AmtWthCcy/@Ccy, ISO 4217
 * @param settlementDate SttlmDt, or null for settlement on receipt
 */
public record LiquidityTransferMessage(
    String messageId,
    String messageDefinition,
    Instant creationDateTime,
    String liquidityTransferId,
    String debtorBic,
    String debtorAccount,
    String creditorBic,
    String creditorAccount,
    long amountMinorUnits,
    String currency,
    LocalDate settlementDate) implements InboundMessage {

  public LiquidityTransferMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(messageDefinition, "messageDefinition");
    Objects.requireNonNull(debtorBic, "debtorBic");
    Objects.requireNonNull(currency, "currency");
    if (creditorBic == null && creditorAccount == null) {
      throw new IllegalArgumentException("a liquidity transfer names its creditor or its account");
    }
    if (amountMinorUnits <= 0) {
      throw new IllegalArgumentException("amountMinorUnits must be above zero: " + amountMinorUnits);
    }
  }

  /** A camt.050 carries exactly one transfer. */
  @Override
  public int transactionCount() {
    return 1;
  }
}
