package io.clearline.iso20022;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Limits and switches of an {@link Iso20022Reader}.
 *
 * <p>Usage: {@code ReaderSettings.defaults(clock).withSettlementSystemBic("CENBEUCBXXX")} for a
 * node; {@code .withCheckSettlementDate(false).withSettlementSystemBic(null)} to replay old or
 * foreign samples offline. The constructor fails with {@link IllegalArgumentException} on a
 * limit that is not positive (or negative, for the date window) and with
 * {@link NullPointerException} on a missing clock, zone or tolerance.
 *
 * @param sizeMaxBytes a larger message is refused before any parsing
 * @param nestingDepthMax deepest element nesting accepted (real pacs.008 stays under 20)
 * @param checkSettlementDate whether the business-day rules on dates apply: the interbank
 *     settlement date within the window around today's business date, and no creation date-time
 *     ahead of the clock beyond {@code creationDateTimeAheadMax}; off for replaying old samples
 * @param clock the source of "today" and "now"
 * @param businessZone the zone whose calendar date is the business date
 * @param settlementSystemBic the BIC of the settlement system reading the messages: an AppHdr's
 *     To must name it; null to accept any receiver (offline checking of foreign samples)
 * @param settlementDateDaysPastMax how many calendar days before the business date an
 *     IntrBkSttlmDt (or camt.050 SttlmDt) may lie; 0 for the business date only
 * @param settlementDateDaysAheadMax how many calendar days after the business date it may lie
 *     (warehoused payments); 0 for the business date only
 * @param creationDateTimeAheadMax how far a message's creation date-time (GrpHdr/CreDtTm and
 *     the like) may lie ahead of the clock: the clock skew tolerated between a bank and us
 */
public record ReaderSettings(
    int sizeMaxBytes,
    int nestingDepthMax,
    boolean checkSettlementDate,
    Clock clock,
    ZoneId businessZone,
    String settlementSystemBic,
    int settlementDateDaysPastMax,
    int settlementDateDaysAheadMax,
    Duration creationDateTimeAheadMax) {

  public static final int SIZE_MAX_BYTES_DEFAULT = 1024 * 1024;
  public static final int NESTING_DEPTH_MAX_DEFAULT = 64;
  /**
   * The settlement system's BIC when none is configured: the demo network's central bank, as
   * {@code clearline.network.central-bank.bic} names it in ops. A node should pass its own.
   */
  public static final String SETTLEMENT_SYSTEM_BIC_DEFAULT = "CENBEUCBXXX";
  /**
   * Clock skew tolerated by default: banks' clocks are NTP-synchronised, so a few minutes cover
   * any honest drift, while a message dated hours ahead is a sender's error.
   */
  public static final Duration CREATION_DATE_TIME_AHEAD_MAX_DEFAULT = Duration.ofMinutes(5);
  /**
   * The longest settlement-date window accepted, either way: a year is far beyond any
   * warehousing rule and keeps date arithmetic clear of overflow.
   */
  public static final int SETTLEMENT_DATE_DAYS_WINDOW_LIMIT = 366;

  public ReaderSettings {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(businessZone, "businessZone");
    Objects.requireNonNull(creationDateTimeAheadMax, "creationDateTimeAheadMax");
    if (sizeMaxBytes <= 0) {
      throw new IllegalArgumentException("sizeMaxBytes must be positive: " + sizeMaxBytes);
    }
    if (nestingDepthMax <= 0) {
      throw new IllegalArgumentException("nestingDepthMax must be positive: " + nestingDepthMax);
    }
    if (settlementSystemBic != null) {
      Identifiers.requireBic(settlementSystemBic, "settlementSystemBic");
    }
    requireWindow(settlementDateDaysPastMax, "settlementDateDaysPastMax");
    requireWindow(settlementDateDaysAheadMax, "settlementDateDaysAheadMax");
    if (creationDateTimeAheadMax.isNegative()) {
      throw new IllegalArgumentException(
          "creationDateTimeAheadMax must not be negative: " + creationDateTimeAheadMax);
    }
  }

  /**
   * The settings of the first release, kept for callers that build them field by field: the
   * default settlement system BIC, settlement on the business date only, the default clock skew.
   */
  public ReaderSettings(int sizeMaxBytes, int nestingDepthMax, boolean checkSettlementDate,
      Clock clock, ZoneId businessZone) {
    this(sizeMaxBytes, nestingDepthMax, checkSettlementDate, clock, businessZone,
        SETTLEMENT_SYSTEM_BIC_DEFAULT, 0, 0, CREATION_DATE_TIME_AHEAD_MAX_DEFAULT);
  }

  private static void requireWindow(int days, String name) {
    if (days < 0 || days > SETTLEMENT_DATE_DAYS_WINDOW_LIMIT) {
      throw new IllegalArgumentException(name + " must be 0 to "
          + SETTLEMENT_DATE_DAYS_WINDOW_LIMIT + ": " + days);
    }
  }

  /**
   * 1 MiB, depth 64, date rules checked (settlement on the business date only, 5 minutes of
   * clock skew), business date in the clock's zone, To checked against
   * {@link #SETTLEMENT_SYSTEM_BIC_DEFAULT}.
   */
  public static ReaderSettings defaults(Clock clock) {
    return new ReaderSettings(
        SIZE_MAX_BYTES_DEFAULT, NESTING_DEPTH_MAX_DEFAULT, true, clock, clock.getZone());
  }

  /** The same settings with the business-day date rules switched on or off. */
  public ReaderSettings withCheckSettlementDate(boolean check) {
    return new ReaderSettings(sizeMaxBytes, nestingDepthMax, check, clock, businessZone,
        settlementSystemBic, settlementDateDaysPastMax, settlementDateDaysAheadMax,
        creationDateTimeAheadMax);
  }

  /**
   * The same settings reading for another settlement system: AppHdr/To must name this BIC, or,
   * with null, any receiver is accepted.
   */
  public ReaderSettings withSettlementSystemBic(String bic) {
    return new ReaderSettings(sizeMaxBytes, nestingDepthMax, checkSettlementDate, clock,
        businessZone, bic, settlementDateDaysPastMax, settlementDateDaysAheadMax,
        creationDateTimeAheadMax);
  }

  /**
   * The same settings accepting settlement dates from {@code daysPastMax} days before to
   * {@code daysAheadMax} days after the business date.
   */
  public ReaderSettings withSettlementDateWindow(int daysPastMax, int daysAheadMax) {
    return new ReaderSettings(sizeMaxBytes, nestingDepthMax, checkSettlementDate, clock,
        businessZone, settlementSystemBic, daysPastMax, daysAheadMax, creationDateTimeAheadMax);
  }

  /** The same settings tolerating this much clock skew in creation date-times. */
  public ReaderSettings withCreationDateTimeAheadMax(Duration aheadMax) {
    return new ReaderSettings(sizeMaxBytes, nestingDepthMax, checkSettlementDate, clock,
        businessZone, settlementSystemBic, settlementDateDaysPastMax, settlementDateDaysAheadMax,
        aheadMax);
  }
}
