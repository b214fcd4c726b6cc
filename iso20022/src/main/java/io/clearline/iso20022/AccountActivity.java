package io.clearline.iso20022;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The booked activity of one bank's settlement account over part or all of a business day: the
 * balance before, every entry booked, and the balance after. The writer turns it into a camt.052
 * intraday report ({@link Iso20022Writer#intradayReport}) or a camt.053 end-of-day statement
 * ({@link Iso20022Writer#endOfDayStatement}).
 *
 * <p>The constructor checks every field against the limits of the schema and the balances
 * against the entries, so that an activity that exists can always be written and always adds
 * up; a field out of bounds is a caller bug and fails with {@link IllegalArgumentException} (or
 * {@link NullPointerException} for a missing field).
 *
 * @param accountOwnerBic the bank whose account it is: the report's recipient (AppHdr To)
 * @param currency ISO 4217 code of the account; its scale decides how amounts are written
 * @param businessDate the settlement system's business day the activity belongs to: the date of
 *     the opening and closing balances and every entry's value date
 * @param openingBalanceMinorUnits the balance before the first entry, in minor units; negative
 *     for a debit balance (intraday credit)
 * @param closingBalanceMinorUnits the balance after the last entry: the opening balance plus the
 *     credits minus the debits
 * @param entries the entries in booking order, at most {@link #ENTRIES_MAX}
 */
public record AccountActivity(
    String accountOwnerBic,
    String currency,
    LocalDate businessDate,
    long openingBalanceMinorUnits,
    long closingBalanceMinorUnits,
    List<Entry> entries) {

  /**
   * The most entries one activity carries. The writer pages them ({@link
   * Iso20022Writer#ENTRIES_PER_PAGE_MAX} per message); this bounds the pages of one report, and
   * is far above the payments one bank settles in a day on this system.
   */
  public static final int ENTRIES_MAX = 1_000_000;

  public AccountActivity {
    Identifiers.requireBic(accountOwnerBic, "accountOwnerBic");
    Iso4217.requireScale(currency);
    Objects.requireNonNull(businessDate, "businessDate");
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    if (entries.size() > ENTRIES_MAX) {
      throw new IllegalArgumentException("at most " + ENTRIES_MAX + " entries per report, not "
          + entries.size());
    }
    long expectedClosing = balanceAfter(openingBalanceMinorUnits, entries);
    if (expectedClosing != closingBalanceMinorUnits) {
      throw new IllegalArgumentException("closingBalanceMinorUnits " + closingBalanceMinorUnits
          + " is not the opening balance plus credits minus debits: " + expectedClosing);
    }
  }

  /** The balance after booking these entries on top of {@code balanceMinorUnits}. */
  static long balanceAfter(long balanceMinorUnits, List<Entry> entries) {
    long balance = balanceMinorUnits;
    for (Entry entry : entries) {
      balance = Math.addExact(balance, entry.signedAmountMinorUnits());
    }
    return balance;
  }

  /** Whether an entry credits or debits the account, with its ISO code (CreditDebitCode). */
  public enum Direction {
    CREDIT("CRDT"),
    DEBIT("DBIT");

    private final String isoCode;

    Direction(String isoCode) {
      this.isoCode = isoCode;
    }

    public String isoCode() {
      return isoCode;
    }
  }

  /**
   * One booked entry.
   *
   * @param amountMinorUnits the amount in the account's minor units, above zero
   * @param direction credit or debit of the account
   * @param bookedAt when the ledger booked it
   * @param endToEndId the payment's EndToEndId, or a liquidity transfer's id (camt.050
   *     LqdtyTrfId), or null
   * @param uetr the payment's UETR (lower case, version 4), or null when it had none (liquidity
   *     transfers)
   * @param ledgerTransactionId the settlement system's own reference: its first 35 characters
   *     are written as AcctSvcrRef (Max35Text), the whole of it in AddtlNtryInf
   * @param counterpartyBic the other bank: the payer for a credit, the payee for a debit; null
   *     for a liquidity transfer with the central bank (no related agent is written then)
   */
  public record Entry(
      long amountMinorUnits,
      Direction direction,
      Instant bookedAt,
      String endToEndId,
      String uetr,
      String ledgerTransactionId,
      String counterpartyBic) {

    public Entry {
      if (amountMinorUnits <= 0) {
        throw new IllegalArgumentException(
            "amountMinorUnits must be above zero: " + amountMinorUnits);
      }
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(bookedAt, "bookedAt");
      if (endToEndId != null) {
        Identifiers.requireReference(endToEndId, "endToEndId");
      }
      if (uetr != null && !Identifiers.isUetr(uetr)) {
        throw new IllegalArgumentException("not a lower-case version 4 UETR: " + uetr);
      }
      Identifiers.requireLedgerTransactionId(ledgerTransactionId, "ledgerTransactionId");
      if (counterpartyBic != null) {
        Identifiers.requireBic(counterpartyBic, "counterpartyBic");
      }
    }

    /** The amount as it changes the balance: positive for a credit, negative for a debit. */
    long signedAmountMinorUnits() {
      return direction == Direction.CREDIT ? amountMinorUnits : Math.negateExact(amountMinorUnits);
    }
  }
}
