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
  /**
   * InvalidDate: the interbank settlement date lies outside the business-day window, or a
   * creation date-time lies ahead of the clock beyond the tolerated skew.
   */
  public static final String INVALID_DATE = "DT01";
  /**
   * TransactionForbidden (formerly NoAgreement): the instructing agent is not the bank of the
   * channel, and a bank may only spend its own money.
   */
  public static final String TRANSACTION_FORBIDDEN = "AG01";
  /**
   * IncorrectAgent: the AppHdr's To names a well-formed BIC that is not this settlement system's,
   * so the message was sent to the wrong agent. Of the ExternalStatusReason1Code entries this is
   * the closest to "invalid receiver": RC01 (BankIdentifierIncorrect) is about a BIC's format and
   * stays the code for a missing or malformed To; RC02 and RC05 say a bank identifier is invalid
   * or missing; RC03/RC04 and RC06/RC07 name the debtor's or the creditor's bank, not the
   * receiver of a message; RC08 is for clearing-system member ids. AGNT ("agent in the payment
   * workflow is incorrect") tells the bank's operations team to re-address the message.
   */
  public static final String INCORRECT_AGENT = "AGNT";
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
