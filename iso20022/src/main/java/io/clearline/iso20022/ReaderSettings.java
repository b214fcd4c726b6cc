package io.clearline.iso20022;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Limits and switches of an {@link Iso20022Reader}.
 *
 * @param sizeMaxBytes a larger message is refused before any parsing
 * @param nestingDepthMax deepest element nesting accepted (real pacs.008 stays under 20)
 * @param checkSettlementDate whether IntrBkSttlmDt must equal today's business date; off for
 *     replaying old samples offline
 * @param clock the source of "today"
 * @param businessZone the zone whose calendar date is the business date
 */
public record ReaderSettings(
    int sizeMaxBytes,
    int nestingDepthMax,
    boolean checkSettlementDate,
    Clock clock,
    ZoneId businessZone) {

  public static final int SIZE_MAX_BYTES_DEFAULT = 1024 * 1024;
  public static final int NESTING_DEPTH_MAX_DEFAULT = 64;

  public ReaderSettings {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(businessZone, "businessZone");
    if (sizeMaxBytes <= 0) {
      throw new IllegalArgumentException("sizeMaxBytes must be positive: " + sizeMaxBytes);
    }
    if (nestingDepthMax <= 0) {
      throw new IllegalArgumentException("nestingDepthMax must be positive: " + nestingDepthMax);
    }
  }

  /** 1 MiB, depth 64, settlement date checked, business date in the clock's zone. */
  public static ReaderSettings defaults(Clock clock) {
    return new ReaderSettings(
        SIZE_MAX_BYTES_DEFAULT, NESTING_DEPTH_MAX_DEFAULT, true, clock, clock.getZone());
  }

  /** The same settings with the settlement-date check switched on or off. */
  public ReaderSettings withCheckSettlementDate(boolean check) {
    return new ReaderSettings(sizeMaxBytes, nestingDepthMax, check, clock, businessZone);
  }
}
