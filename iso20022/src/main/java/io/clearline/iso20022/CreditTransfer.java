package io.clearline.iso20022;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One validated credit transfer transaction.
 *
 * @param uetr lower-case version-4 UUID; the idempotency key downstream
 * @param instructionId InstrId, or null
 * @param endToEndId EndToEndId
 * @param transactionId TxId, or null
 * @param instructingAgentBic transaction-level InstgAgt, else the group header's
 * @param instructedAgentBic transaction-level InstdAgt, else the group header's
 * @param amountMinorUnits interbank settlement amount in the currency's minor units, above zero
 * @param currency ISO 4217 code
 * @param debtorName Dbtr/Nm, or null
 * @param debtorAccount IBAN or other account id, or null
 * @param creditorName Cdtr/Nm, or null
 * @param creditorAccount IBAN or other account id, or null
 * @param contentDigest hex SHA-256 of the business content, to tell a harmless resend (same
 *     digest) from a different payment reusing a UETR
 * @param highPriority PmtTpInf/InstrPrty HIGH, of the transaction, else of the group header: the
 *     payment queues at high priority (T2's "high"; "urgent" is the central bank's)
 */
public record CreditTransfer(
    String uetr,
    String instructionId,
    String endToEndId,
    String transactionId,
    String instructingAgentBic,
    String instructedAgentBic,
    String debtorAgentBic,
    String creditorAgentBic,
    long amountMinorUnits,
    String currency,
    LocalDate interbankSettlementDate,
    String debtorName,
    String debtorAccount,
    String creditorName,
    String creditorAccount,
    String contentDigest,
    boolean highPriority) {

  public CreditTransfer {
    Objects.requireNonNull(uetr, "uetr");
    Objects.requireNonNull(endToEndId, "endToEndId");
    Objects.requireNonNull(instructingAgentBic, "instructingAgentBic");
    Objects.requireNonNull(instructedAgentBic, "instructedAgentBic");
    Objects.requireNonNull(debtorAgentBic, "debtorAgentBic");
    Objects.requireNonNull(creditorAgentBic, "creditorAgentBic");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(interbankSettlementDate, "interbankSettlementDate");
    Objects.requireNonNull(contentDigest, "contentDigest");
    if (amountMinorUnits <= 0) {
      throw new IllegalArgumentException("amountMinorUnits must be above zero");
    }
  }
}
