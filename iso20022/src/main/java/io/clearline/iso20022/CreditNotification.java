package io.clearline.iso20022;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a camt.054 credit notification tells the payee's bank: its settlement account at the
 * settlement system was credited with one settled transaction.
 *
 * <p>The constructor checks every field against the limits of the schema, so that a notification
 * that exists can always be written; a field out of bounds is a caller bug and fails with
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a missing field).
 *
 * @param recipientBic the payee's bank: owner of the credited account and AppHdr To
 * @param payerBic the payer's bank, reported as the related debtor agent
 * @param amountMinorUnits the credited amount in the currency's minor units, above zero
 * @param currency ISO 4217 code; its scale decides how the amount is written
 * @param uetr the transaction's UETR (lower case, version 4)
 * @param endToEndId the transaction's EndToEndId
 * @param instructionId the transaction's InstrId, or null when the original carried none
 * @param originalMessageId MsgId of the message that carried the transaction
 * @param bookedAt when the ledger booked the credit
 * @param valueDate the settlement system's business day of the booking; a date of the business
 *     zone, which the UTC date of {@code bookedAt} is not always
 * @param ledgerTransactionId the settlement system's own reference: its first 35 characters are
 *     written as AcctSvcrRef (Max35Text), the whole of it in the entry's AddtlNtryInf
 */
public record CreditNotification(
    String recipientBic,
    String payerBic,
    long amountMinorUnits,
    String currency,
    String uetr,
    String endToEndId,
    String instructionId,
    String originalMessageId,
    Instant bookedAt,
    LocalDate valueDate,
    String ledgerTransactionId) {

  public CreditNotification {
    Identifiers.requireBic(recipientBic, "recipientBic");
    Identifiers.requireBic(payerBic, "payerBic");
    if (amountMinorUnits <= 0) {
      throw new IllegalArgumentException(
          "amountMinorUnits must be above zero: " + amountMinorUnits);
    }
    Iso4217.requireScale(currency);
    if (!Identifiers.isUetr(uetr)) {
      throw new IllegalArgumentException("not a lower-case version 4 UETR: " + uetr);
    }
    Identifiers.requireReference(endToEndId, "endToEndId");
    if (instructionId != null) {
      Identifiers.requireReference(instructionId, "instructionId");
    }
    Identifiers.requireReference(originalMessageId, "originalMessageId");
    Objects.requireNonNull(bookedAt, "bookedAt");
    Objects.requireNonNull(valueDate, "valueDate");
    Identifiers.requireLedgerTransactionId(ledgerTransactionId, "ledgerTransactionId");
  }
}
