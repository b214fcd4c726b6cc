package io.clearline.iso20022;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Format checks for the identifiers Clearline relies on: BIC, IBAN, UETR. */
final class Identifiers {

  /** The BICFIDec2014Identifier pattern of the ISO 20022 schemas (8 or 11 characters). */
  private static final Pattern BIC =
      Pattern.compile("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");
  /** ISO 13616: country, two check digits, up to 30 alphanumerics. */
  private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}");
  /** The UUIDv4Identifier pattern, after lower-casing. */
  private static final Pattern UETR = Pattern.compile(
      "[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}");
  private static final BigInteger IBAN_MODULUS = BigInteger.valueOf(97);
  /** Max35Text: the schema limit of message ids and transaction references. */
  static final int REFERENCE_LENGTH_MAX = 35;

  private Identifiers() {}

  static boolean isBic(String value) {
    return value != null && BIC.matcher(value).matches();
  }

  static boolean isUetr(String lowerCaseValue) {
    return lowerCaseValue != null && UETR.matcher(lowerCaseValue).matches();
  }

  /**
   * Checks a reference the writer is about to send against Max35Text.
   *
   * @throws IllegalArgumentException if it is blank or too long: a bug in the caller
   */
  static void requireReference(String reference, String field) {
    Objects.requireNonNull(reference, field);
    if (reference.isBlank() || reference.length() > REFERENCE_LENGTH_MAX) {
      throw new IllegalArgumentException(
          field + " must be 1 to " + REFERENCE_LENGTH_MAX + " characters: " + reference);
    }
  }

  /**
   * Ledger ids are SHA-256 Merkle roots, 64 hex characters: more than AcctSvcrRef's Max35Text, so
   * the writer quotes the id's first 35 characters there and the whole id in AddtlNtryInf
   * (Max500Text, which this limit keeps it well within).
   */
  static final int LEDGER_TRANSACTION_ID_LENGTH_MAX = 128;

  /**
   * Checks a ledger transaction id the writer is about to quote.
   *
   * @throws IllegalArgumentException if it is blank or longer than the limit: a bug in the caller
   */
  static void requireLedgerTransactionId(String ledgerTransactionId, String field) {
    Objects.requireNonNull(ledgerTransactionId, field);
    if (ledgerTransactionId.isBlank()
        || ledgerTransactionId.length() > LEDGER_TRANSACTION_ID_LENGTH_MAX) {
      throw new IllegalArgumentException(field + " must be 1 to "
          + LEDGER_TRANSACTION_ID_LENGTH_MAX + " characters: " + ledgerTransactionId);
    }
  }

  /**
   * Checks a BIC the writer is about to send.
   *
   * @throws IllegalArgumentException if it is not a BIC: a bug in the caller
   */
  static String requireBic(String bic, String field) {
    if (!isBic(bic)) {
      throw new IllegalArgumentException(field + " is not a BIC: " + bic);
    }
    return bic;
  }

  static String lowerCase(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
  static boolean isIban(String value) {
    if (value == null || !IBAN.matcher(value).matches()) {
      return false;
    }
    String rearranged = value.substring(4) + value.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (char character : rearranged.toCharArray()) {
      digits.append(Character.getNumericValue(character));
    }
    return new BigInteger(digits.toString()).mod(IBAN_MODULUS).intValue() == 1;
  }
}
