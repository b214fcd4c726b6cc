package io.clearline.iso20022;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The per-transaction rules that the inbound message types (every supported version) share, each
 * with its ISO reason code. Which agents a message type requires is the caller's to say.
 */
final class TransactionChecks {

  private final ReaderSettings settings;
  private final BiFunction<String, String, Rejection> reject;

  TransactionChecks(ReaderSettings settings, BiFunction<String, String, Rejection> reject) {
    this.settings = settings;
    this.reject = reject;
  }

  /** Max4Text: the schema limit of an external code (ExternalXxxReason1Code). */
  static final int EXTERNAL_CODE_LENGTH_MAX = 4;

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
    // Every answer quotes these references back (pacs.002, camt.054, the forwarded message), which
    // cannot be written beyond the schema's Max35Text.
    for (String reference : List.of("InstrId", "EndToEndId", "TxId")) {
      String value = paymentId.text(reference);
      if (value != null && value.length() > GroupMapper.REFERENCE_LENGTH_MAX) {
        return refuse(ReasonCode.INVALID_FILE_FORMAT, where + "PmtId/" + reference + " is "
            + value.length() + " characters, above the limit of " + GroupMapper.REFERENCE_LENGTH_MAX);
      }
    }
    Checked<String> uetr = requiredUetr(paymentId.text("UETR"), "PmtId/UETR", where,
        "Clearline requires a UETR on every credit transfer");
    if (uetr.isRefused()) {
      return Checked.refused(uetr.rejection());
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
    Checked<LocalDate> settlementDate = interbankSettlementDate(transaction, groupHeader, where);
    if (settlementDate.isRefused()) {
      return Checked.refused(settlementDate.rejection());
    }
    return Checked.of(new Payment(uetr.value(), paymentId.text("InstrId"), endToEndId,
        paymentId.text("TxId"), amount.value(), settlementAmount.text("Ccy"),
        settlementDate.value()));
  }

  /**
   * A UETR Clearline requires: NARR when missing (the schemas leave most UETRs optional, so this
   * is Clearline's own rule), FF01 when not a version-4 UUID.
   *
   * @param field the element, e.g. {@code PmtId/UETR}
   * @param requirement why it is required, for the explanation
   * @return the UETR in lower case
   */
  Checked<String> requiredUetr(String declared, String field, String where, String requirement) {
    if (isBlank(declared)) {
      return refuse(ReasonCode.NARRATIVE, where + field + " is missing; " + requirement);
    }
    Rejection formatProblem = checkUetrFormat(declared, field, where);
    return formatProblem != null
        ? Checked.refused(formatProblem) : Checked.of(normalizedUetr(declared));
  }

  /** A UETR the message gives must be a version-4 UUID (FF01); an absent one is allowed. */
  Rejection checkUetrFormat(String declared, String field, String where) {
    if (declared != null && !Identifiers.isUetr(normalizedUetr(declared))) {
      return reject.apply(ReasonCode.INVALID_FILE_FORMAT, where + field + " '" + declared
          + "' is not a version-4 UUID");
    }
    return null;
  }

  /** The UETR as Clearline keys payments by it: trimmed, lower case; null when absent. */
  static String normalizedUetr(String declared) {
    return declared == null ? null : Identifiers.lowerCase(declared.trim());
  }

  /**
   * The transaction's IntrBkSttlmDt, else the group header's; DT01 when neither has one or it is
   * not the business date.
   */
  Checked<LocalDate> interbankSettlementDate(ModelNode transaction, ModelNode groupHeader,
      String where) {
    LocalDate settlementDate = transaction.date("IntrBkSttlmDt") != null
        ? transaction.date("IntrBkSttlmDt") : groupHeader.date("IntrBkSttlmDt");
    if (settlementDate == null) {
      return refuse(ReasonCode.INVALID_DATE, where + "IntrBkSttlmDt is missing");
    }
    Rejection dateProblem = checkSettlementDate(settlementDate, "IntrBkSttlmDt", where);
    return dateProblem != null ? Checked.refused(dateProblem) : Checked.of(settlementDate);
  }

  /**
   * The first reason of a repeated reason block (RtrRsnInf, CxlRsnInf): its Rsn/Cd, else its
   * Rsn/Prtry. NARR when there is none (the schemas leave the block optional, Clearline does
   * not), FF01 when a code breaks its length facet.
   *
   * @param field the block's element, e.g. {@code RtrRsnInf}
   * @param requirement why a reason is required, for the explanation
   */
  Checked<String> requiredReason(List<ModelNode> reasons, String field, String where,
      String requirement) {
    ModelNode reason = reasons.isEmpty() ? ModelNode.of(null) : reasons.getFirst().child("Rsn");
    String code = reason.text("Cd");
    String proprietary = reason.text("Prtry");
    if (isBlank(code) && isBlank(proprietary)) {
      return refuse(ReasonCode.NARRATIVE, where + field + "/Rsn is missing; " + requirement);
    }
    if (!isBlank(code)) {
      return code.length() > EXTERNAL_CODE_LENGTH_MAX
          ? refuse(ReasonCode.INVALID_FILE_FORMAT, where + field + "/Rsn/Cd '" + code
              + "' is longer than an external code (" + EXTERNAL_CODE_LENGTH_MAX + ")")
          : Checked.of(code);
    }
    return proprietary.length() > GroupMapper.REFERENCE_LENGTH_MAX
        ? refuse(ReasonCode.INVALID_FILE_FORMAT, where + field + "/Rsn/Prtry is longer than "
            + GroupMapper.REFERENCE_LENGTH_MAX + " characters")
        : Checked.of(proprietary);
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

  /**
   * A settlement date outside the window around today's business date (DT01), when settings
   * check dates. The window is calendar days in the business zone: by default the business date
   * alone, since a payment accepted now settles now.
   */
  Rejection checkSettlementDate(LocalDate settlementDate, String field, String where) {
    if (!settings.checkSettlementDate()) {
      return null;
    }
    LocalDate businessDate = LocalDate.now(settings.clock().withZone(settings.businessZone()));
    LocalDate earliest = businessDate.minusDays(settings.settlementDateDaysPastMax());
    LocalDate latest = businessDate.plusDays(settings.settlementDateDaysAheadMax());
    if (settlementDate.isBefore(earliest) || settlementDate.isAfter(latest)) {
      String window = earliest.equals(latest) ? "" : " nor within " + earliest + " to " + latest;
      return reject.apply(ReasonCode.INVALID_DATE, where + field + " " + settlementDate
          + " is not the business date " + businessDate + window);
    }
    return null;
  }

  /**
   * A creation date-time ahead of the clock by more than the tolerated skew (DT01), when
   * settings check dates: a message cannot have been created in the future, and accepting one
   * would let a sender date its messages at will. An absent one is the caller's to judge.
   *
   * @param field the element, e.g. {@code GrpHdr/CreDtTm}
   */
  Rejection checkCreationDateTime(OffsetDateTime created, String field) {
    if (!settings.checkSettlementDate() || created == null) {
      return null;
    }
    Instant latest = settings.clock().instant().plus(settings.creationDateTimeAheadMax());
    if (created.toInstant().isAfter(latest)) {
      return reject.apply(ReasonCode.INVALID_DATE, field + " " + created + " lies ahead of this"
          + " system's clock (" + settings.clock().instant() + ") by more than "
          + settings.creationDateTimeAheadMax().toSeconds() + " seconds");
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
