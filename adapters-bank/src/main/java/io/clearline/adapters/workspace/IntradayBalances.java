package io.clearline.adapters.workspace;

import io.clearline.core.liquidity.api.LiquidityAccountId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each account's balance over the current business day, for the intraday liquidity chart: the
 * balance the day opened with and the balance at the end of every minute in which it changed. Fed
 * with the positions projection's balance movements ({@link PositionChangeListener}) and rebuilt with it
 * by replaying the event store at every start.
 *
 * <p>The business day is the calendar day in the business time zone: the core has no business-day
 * calendar yet. A movement on a later day closes the previous one, whose figures are dropped, so an
 * account never holds more than {@link #MINUTES_PER_DAY_MAX} points. Within a minute only the last
 * balance is kept: a payment in and out within the same minute does not show.
 */
@Component
class IntradayBalances {
    /** One point per minute of a day at most; a day with a daylight-saving change has fewer or repeats some. */
    static final int MINUTES_PER_DAY_MAX = 24 * 60;

    /** The chart's data for one account and day: the opening balance and the closing balance of each changed minute. */
    record Day(long openingMinorUnits, NavigableMap<Integer, Long> closingMinorUnitsByMinute) {
    }

    private static final class AccountDay {
        private long lastSequenceNumber = -1;
        private long balanceMinorUnits;
        private LocalDate day;
        private long openingMinorUnits;
        private final TreeMap<Integer, Long> closingByMinute = new TreeMap<>();

        synchronized void move(long sequenceNumber, ZonedDateTime at, long changeMinorUnits) {
            if (sequenceNumber <= lastSequenceNumber) {
                return;
            }
            lastSequenceNumber = sequenceNumber;
            LocalDate date = at.toLocalDate();
            if (day == null || date.isAfter(day)) {
                openingMinorUnits = balanceMinorUnits;
                closingByMinute.clear();
                day = date;
            }
            balanceMinorUnits = Math.addExact(balanceMinorUnits, changeMinorUnits);
            // A movement stamped before the day in hand (clocks of different nodes) counts at the day's start.
            int minute = date.isBefore(day) ? 0 : at.getHour() * 60 + at.getMinute();
            closingByMinute.put(minute, balanceMinorUnits);
        }

        synchronized Day on(LocalDate businessDay) {
            if (day == null || day.isBefore(businessDay)) {
                // Nothing moved today: the day opened with the balance as it stands.
                return new Day(balanceMinorUnits, new TreeMap<>());
            }
            if (day.isAfter(businessDay)) {
                return new Day(openingMinorUnits, new TreeMap<>());
            }
            return new Day(openingMinorUnits, new TreeMap<>(closingByMinute));
        }
    }

    private final Map<LiquidityAccountId, AccountDay> accounts = new ConcurrentHashMap<>();
    private final ZoneId businessZone;

    IntradayBalances(@Value("${clearline.iso20022.business-zone}") String businessZone) {
        this.businessZone = ZoneId.of(businessZone);
    }

    /**
     * The balance of {@code account} moved by {@code changeMinorUnits} at {@code at}. A sequence number
     * not beyond the account's last one is a redelivery and changes nothing, as in the projection.
     */
    void move(LiquidityAccountId account, long sequenceNumber, Instant at, long changeMinorUnits) {
        Objects.requireNonNull(at, "at");
        accounts.computeIfAbsent(account, key -> new AccountDay())
                .move(sequenceNumber, at.atZone(businessZone), changeMinorUnits);
    }

    /** The account's {@code businessDay}; an account never seen opened it with nothing. */
    Day of(LiquidityAccountId account, LocalDate businessDay) {
        AccountDay day = accounts.get(account);
        return day == null ? new Day(0, new TreeMap<>()) : day.on(businessDay);
    }

    void clear() {
        accounts.clear();
    }
}
