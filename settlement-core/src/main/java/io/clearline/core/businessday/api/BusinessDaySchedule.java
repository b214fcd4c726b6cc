package io.clearline.core.businessday.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When the network's business day opens, passes its customer cut-off and its (interbank) cut-off, and
 * closes, as the operator configures it: local times in the business time zone, on the business
 * weekdays that are not holidays. The whole day lies within one calendar date (opens < customer
 * cut-off ≤ cut-off ≤ close), so the business date is the calendar date on which it opened. A customer
 * cut-off at the cut-off's time is no separate step: the cut-off passes both.
 *
 * <p>{@link #nextStep} is a pure function of the current day and the instant: the scheduler asks it
 * on every tick and sends what it answers, so a node that was down over a cut-off or a night catches
 * up one step per tick (cut off, then close, then open today) instead of skipping a step that has
 * consequences (the close cancels what is still queued and ends the day's statements).
 */
public record BusinessDaySchedule(ZoneId zone, LocalTime opensAt, LocalTime customerCutOffAt, LocalTime cutOffAt,
                                  LocalTime closesAt, Set<DayOfWeek> businessDays, SortedSet<LocalDate> holidays) {

    /** Monday to Friday, as TARGET and most RTGS systems run. */
    public static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    public BusinessDaySchedule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(customerCutOffAt, "customerCutOffAt");
        Objects.requireNonNull(cutOffAt, "cutOffAt");
        Objects.requireNonNull(closesAt, "closesAt");
        if (!opensAt.isBefore(customerCutOffAt)) {
            throw new IllegalArgumentException("the day must open (" + opensAt + ") before its customer cut-off ("
                    + customerCutOffAt + ")");
        }
        if (cutOffAt.isBefore(customerCutOffAt)) {
            throw new IllegalArgumentException("the cut-off (" + cutOffAt + ") must be at or after the customer"
                    + " cut-off (" + customerCutOffAt + ")");
        }
        if (closesAt.isBefore(cutOffAt)) {
            throw new IllegalArgumentException("the day must close (" + closesAt + ") at or after its cut-off ("
                    + cutOffAt + ")");
        }
        if (businessDays == null || businessDays.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one business weekday");
        }
        businessDays = Set.copyOf(businessDays);
        holidays = holidays == null ? new TreeSet<>() : new TreeSet<>(holidays);
    }

    /** Whether payments may settle on that date at all. */
    public boolean isBusinessDate(LocalDate date) {
        return businessDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /**
     * The one step due at {@code now} for a network whose current day is {@code current} (null before the
     * first day ever opened), or empty when nothing is due.
     */
    public Optional<Object> nextStep(BusinessDayView current, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (current == null) {
            return opening(today, time, true);
        }
        boolean aLaterDate = today.isAfter(current.date());
        boolean pastCutOff = aLaterDate || !time.isBefore(cutOffAt);
        return switch (current.phase()) {
            case OPEN -> pastCutOff ? Optional.of(new CutOffBusinessDayCommand())
                    : !time.isBefore(customerCutOffAt) ? Optional.of(new CutOffCustomerPaymentsCommand())
                    : Optional.empty();
            case CUSTOMER_CUT_OFF -> pastCutOff ? Optional.of(new CutOffBusinessDayCommand()) : Optional.empty();
            case CUT_OFF -> aLaterDate || !time.isBefore(closesAt)
                    ? Optional.of(new CloseBusinessDayCommand()) : Optional.empty();
            case CLOSED -> opening(today, time, aLaterDate);
        };
    }

    /** A day opens on a business date, before its cut-off, once per date. */
    private Optional<Object> opening(LocalDate today, LocalTime time, boolean notYetOpenedToday) {
        boolean inOpeningHours = !time.isBefore(opensAt) && time.isBefore(cutOffAt);
        return isBusinessDate(today) && inOpeningHours && notYetOpenedToday
                ? Optional.of(new OpenBusinessDayCommand(today)) : Optional.empty();
    }
}
