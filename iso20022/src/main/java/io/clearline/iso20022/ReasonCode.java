package io.clearline.iso20022;

/**
 * The ISO 20022 external status reason codes (ExternalStatusReason1Code) Clearline's inbound
 * checks use. Each constant says which rule it answers and why that code was chosen.
 */
public final class ReasonCode {

  /** InvalidFileFormat: not well-formed, hostile, too large, unsupported, or schema-level faults. */
  public static final String INVALID_FILE_FORMAT = "FF01";
  /** InvalidNumberOfTransactions: NbOfTxs differs from the transactions present. */
  public static final String INVALID_NUMBER_OF_TRANSACTIONS = "AM18";
  /** InvalidControlSum: CtrlSum differs from the sum of the interbank settlement amounts. */
  public static final String INVALID_CONTROL_SUM = "AM10";
  /** BankIdentifierIncorrect: an agent's BIC is missing or malformed, or AppHdr From differs. */
  public static final String BANK_IDENTIFIER_INCORRECT = "RC01";
  /** IncorrectAccountNumber: an IBAN fails its format or ISO 13616 mod-97 checksum. */
  public static final String INCORRECT_ACCOUNT_NUMBER = "AC01";
  /** NotAllowedCurrency: not an active ISO 4217 currency with a minor-unit scale. */
  public static final String NOT_ALLOWED_CURRENCY = "AM03";
  /** ZeroAmount: the amount is zero, which moves no money. */
  public static final String ZERO_AMOUNT = "AM01";
  /** InvalidAmount: negative, or more decimals than the currency's minor-unit scale. */
  public static final String INVALID_AMOUNT = "AM12";
  /** InvalidDate: interbank settlement date is not the business date. */
  public static final String INVALID_DATE = "DT01";
  /**
   * TransactionForbidden (formerly NoAgreement): the instructing agent is not the bank of the
   * channel, and a bank may only spend its own money.
   */
  public static final String TRANSACTION_FORBIDDEN = "AG01";
  /**
   * Narrative: a field the schema leaves optional but Clearline requires is missing: the UETR
   * (base pacs.008.001.08 leaves it optional; it is Clearline's idempotency key), the OrgnlUETR of
   * a cancellation request or a return (payments are found by it), or their reason (CxlRsnInf,
   * RtrRsnInf). No specific code exists for such usage rules; a present but malformed UETR breaks
   * the schema's UUIDv4Identifier pattern and gets FF01.
   */
  public static final String NARRATIVE = "NARR";

  private ReasonCode() {}
}
