package io.clearline.iso20022;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One validated bank-to-bank credit transfer transaction (pacs.009 CdtTrfTxInf): the debtor and
 * the creditor are financial institutions themselves.
 *
 * @param uetr lower-case version-4 UUID; the idempotency key downstream
 * @param instructionId InstrId, or null
 * @param endToEndId EndToEndId
 * @param transactionId TxId, or null
 * @param instructingAgentBic transaction-level InstgAgt, else the group header's
 * @param instructedAgentBic transaction-level InstdAgt, else the group header's
 * @param debtorBic Dbtr, the institution whose account is debited
 * @param creditorBic Cdtr, the institution credited
 * @param debtorAgentBic DbtrAgt, or null
 * @param creditorAgentBic CdtrAgt, or null
 * @param amountMinorUnits interbank settlement amount in the currency's minor units, above zero
 * @param currency ISO 4217 code
 * @param cover true for a cover transfer (pacs.009 COV: an UndrlygCstmrCdtTrf is present)
 * @param underlyingDebtorName UndrlygCstmrCdtTrf/Dbtr/Nm of a cover transfer, or null
 * @param underlyingCreditorName UndrlygCstmrCdtTrf/Cdtr/Nm of a cover transfer, or null
 * @param contentDigest hex SHA-256 of the business content, as for {@link CreditTransfer}
 */
public record FinancialInstitutionCreditTransfer(
    String uetr,
    String instructionId,
    String endToEndId,
    String transactionId,
    String instructingAgentBic,
    String instructedAgentBic,
    String debtorBic,
    String creditorBic,
    String debtorAgentBic,
    String creditorAgentBic,
    long amountMinorUnits,
    String currency,
    LocalDate interbankSettlementDate,
    boolean cover,
    String underlyingDebtorName,
    String underlyingCreditorName,
    String contentDigest) {

  public FinancialInstitutionCreditTransfer {
    Objects.requireNonNull(uetr, "uetr");
    Objects.requireNonNull(endToEndId, "endToEndId");
    Objects.requireNonNull(instructingAgentBic, "instructingAgentBic");
    Objects.requireNonNull(instructedAgentBic, "instructedAgentBic");
    Objects.requireNonNull(debtorBic, "debtorBic");
    Objects.requireNonNull(creditorBic, "creditorBic");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(interbankSettlementDate, "interbankSettlementDate");
    Objects.requireNonNull(contentDigest, "contentDigest");
    if (amountMinorUnits <= 0) {
      throw new IllegalArgumentException("amountMinorUnits must be above zero");
    }
  }
}
