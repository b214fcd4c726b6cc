package io.clearline.iso20022;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The per-transaction rules that pacs.008 and pacs.009 (every supported version) share, each with
 * its ISO reason code. Which agents a message type requires is the caller's to say.
 */
final class TransactionChecks {

  private final ReaderSettings settings;
  private final BiFunction<String, String, Rejection> reject;

  TransactionChecks(ReaderSettings settings, BiFunction<String, String, Rejection> reject) {
    this.settings = settings;
    this.reject = reject;
  }

  /** What every credit transfer transaction carries, checked. */
  record Payment(String uetr, String instructionId, String endToEndId,
      String transactionId, long amountMinorUnits, String currency, LocalDate settlementDate) {}

  /** An agent or institution by its role's label and BIC (null when the message has none). */
  record Agent(String label, String bic) {}

  /**
   * Checks identification, agents, accounts, amount and date of one CdtTrfTxInf, in that order.
   *
   * @param agentCheck the message type's agent rules, given the location prefix; null when met
   */
  Checked<Payment> payment(ModelNode transaction, ModelNode groupHeader, int position,
      Function<String, Rejection> agentCheck) {
    String where = "transaction " + position + ": ";
    ModelNode paymentId = transaction.child("PmtId");
    String endToEndId = paymentId.text("EndToEndId");
    if (isBlank(endToEndId)) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, where + "PmtId/EndToEndId is missing");
    }
    where = "transaction " + position + " (EndToEndId " + endToEndId + "): ";
    String declaredUetr = paymentId.text("UETR");
    if (isBlank(declaredUetr)) {
      return refuse(ReasonCode.NARRATIVE, where + "PmtId/UETR is missing; Clearline requires a"
          + " UETR on every credit transfer");
    }
    String uetr = Identifiers.lowerCase(declaredUetr.trim());
    if (!Identifiers.isUetr(uetr)) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT, where + "PmtId/UETR '" + declaredUetr
          + "' is not a version-4 UUID");
    }
    Rejection agentProblem = agentCheck.apply(where);
    if (agentProblem != null) {
      return Checked.refused(agentProblem);
    }
    Rejection accountProblem = checkIban(transaction.child("DbtrAcct"), "DbtrAcct", where);
    if (accountProblem == null) {
      accountProblem = checkIban(transaction.child("CdtrAcct"), "CdtrAcct", where);
    }
    if (accountProblem != null) {
      return Checked.refused(accountProblem);
    }
    ModelNode settlementAmount = transaction.child("IntrBkSttlmAmt");
    Checked<Long> amount = minorUnits(settlementAmount, "IntrBkSttlmAmt", where);
    if (amount.isRefused()) {
      return Checked.refused(amount.rejection());
    }
    LocalDate settlementDate = transaction.date("IntrBkSttlmDt") != null
        ? transaction.date("IntrBkSttlmDt") : groupHeader.date("IntrBkSttlmDt");
    if (settlementDate == null) {
      return refuse(ReasonCode.INVALID_DATE, where + "IntrBkSttlmDt is missing");
    }
    Rejection dateProblem = checkSettlementDate(settlementDate, "IntrBkSttlmDt", where);
    if (dateProblem != null) {
      return Checked.refused(dateProblem);
    }
    return Checked.of(new Payment(uetr, paymentId.text("InstrId"), endToEndId,
        paymentId.text("TxId"), amount.value(), settlementAmount.text("Ccy"), settlementDate));
  }

  /** The transaction-level agent's BIC, else the group header's; null when neither has one. */
  static String agentBic(ModelNode transactionLevel, ModelNode groupLevel) {
    String bic = Parties.bicOf(transactionLevel);
    return bic != null ? bic : Parties.bicOf(groupLevel);
  }

  /** Every agent must have a valid BIC. */
  Rejection checkRequiredAgents(String where, Agent... agents) {
    for (Agent agent : agents) {
      if (agent.bic() == null) {
        return reject.apply(ReasonCode.BANK_IDENTIFIER_INCORRECT,
            where + "the " + agent.label() + " has no BICFI");
      }
    }
    return checkPresentAgents(where, agents);
  }

  /** An agent the message names must have a valid BIC; an absent one is allowed. */
  Rejection checkPresentAgents(String where, Agent... agents) {
    for (Agent agent : agents) {
      if (agent.bic() != null && !Identifiers.isBic(agent.bic())) {
        return reject.apply(ReasonCode.BANK_IDENTIFIER_INCORRECT,
            where + "the " + agent.label() + " BIC '" + agent.bic() + "' is not a valid BIC");
      }
    }
    return null;
  }

  /** An account's IBAN, when it has one, must pass ISO 13616 (AC01). */
  Rejection checkIban(ModelNode account, String field, String where) {
    String iban = Parties.ibanOf(account);
    if (iban != null && !Identifiers.isIban(iban)) {
      return reject.apply(ReasonCode.INCORRECT_ACCOUNT_NUMBER,
          where + field + " IBAN '" + iban + "' fails the ISO 13616 format or checksum");
    }
    return null;
  }

  /**
   * An amount element ({@code Value} + {@code Ccy}) in the currency's minor units: AM12 when
   * missing, negative, too large or too precise, AM03 for an unknown currency, AM01 when zero.
   *
   * @param field the element's name for explanations, e.g. {@code IntrBkSttlmAmt}
   */
  Checked<Long> minorUnits(ModelNode amount, String field, String where) {
    BigDecimal value = amount.decimal("Value");
    if (value == null) {
      return refuse(ReasonCode.INVALID_AMOUNT, where + field + " is missing");
    }
    String currency = amount.text("Ccy");
    if (!Iso4217.isCurrency(currency)) {
      return refuse(ReasonCode.NOT_ALLOWED_CURRENCY,
          where + "'" + currency + "' is not an ISO 4217 currency Clearline can settle in");
    }
    if (value.signum() == 0) {
      return refuse(ReasonCode.ZERO_AMOUNT, where + field + " is zero");
    }
    if (value.signum() < 0) {
      return refuse(ReasonCode.INVALID_AMOUNT, where + field + " is negative");
    }
    int scale = Iso4217.requireScale(currency);
    // Trailing zeros carry no value ("100.00" JPY is 100 yen); real extra digits are refused,
    // never rounded, because rounding would move a different amount than was instructed.
    if (value.stripTrailingZeros().scale() > scale) {
      return refuse(ReasonCode.INVALID_AMOUNT, where + field + " " + value.toPlainString()
          + " has more decimals than " + currency + " allows (" + scale + ")");
    }
    try {
      return Checked.of(value.movePointRight(scale).longValueExact());
    } catch (ArithmeticException tooLarge) {
      return refuse(ReasonCode.INVALID_AMOUNT, where + field + " " + value.toPlainString()
          + " is too large");
    }
  }

  /** A settlement date other than today's business date (DT01), when settings check it. */
  Rejection checkSettlementDate(LocalDate settlementDate, String field, String where) {
    if (!settings.checkSettlementDate()) {
      return null;
    }
    LocalDate businessDate = LocalDate.now(settings.clock().withZone(settings.businessZone()));
    if (!settlementDate.equals(businessDate)) {
      return reject.apply(ReasonCode.INVALID_DATE, where + field + " " + settlementDate
          + " is not the business date " + businessDate);
    }
    return null;
  }

  private <T> Checked<T> refuse(String reasonCode, String explanation) {
    return Checked.refused(reject.apply(reasonCode, explanation));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
