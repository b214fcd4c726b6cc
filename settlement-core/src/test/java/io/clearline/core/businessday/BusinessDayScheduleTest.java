package io.clearline.core.businessday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.businessday.api.BusinessDayPhase;
import io.clearline.core.businessday.api.BusinessDaySchedule;
import io.clearline.core.businessday.api.BusinessDayView;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffCustomerPaymentsCommand;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the schedule, on a Berlin day that opens 07:00, cuts off customer payments at 16:00,
 * cuts off at 17:00 and closes at 18:00.
 */
class BusinessDayScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 11, 28);
    private static final LocalDate CHRISTMAS = LocalDate.of(2026, 12, 25);
    private final BusinessDaySchedule schedule = new BusinessDaySchedule(BERLIN, LocalTime.of(7, 0),
            LocalTime.of(16, 0), LocalTime.of(17, 0), LocalTime.of(18, 0), BusinessDaySchedule.WEEKDAYS,
            new TreeSet<>(java.util.Set.of(CHRISTMAS)));

    private static Instant at(LocalDate date, int hour, int minute) {
        return LocalDateTime.of(date, LocalTime.of(hour, minute)).atZone(BERLIN).toInstant();
    }

    private static BusinessDayView day(LocalDate date, BusinessDayPhase phase) {
        return new BusinessDayView(date, phase, Instant.EPOCH);
    }

    @Test
    void theFirstDayOpensAtItsOpeningTimeOnABusinessDate() {
        assertThat(schedule.nextStep(null, at(MONDAY, 6, 59))).isEmpty();
        assertThat(schedule.nextStep(null, at(MONDAY, 7, 0))).contains(new OpenBusinessDayCommand(MONDAY));
    }

    @Test
    void theDayIsOpenedInTheBusinessZoneNotInUtc() {
        // 06:30 UTC is 07:30 in Berlin in winter: open; 05:30 UTC is 06:30 there: not yet.
        assertThat(schedule.nextStep(null, Instant.parse("2026-11-23T06:30:00Z")))
                .contains(new OpenBusinessDayCommand(MONDAY));
        assertThat(schedule.nextStep(null, Instant.parse("2026-11-23T05:30:00Z"))).isEmpty();
    }

    @Test
    void aDayDoesNotOpenAfterItsCutOffTime() {
        assertThat(schedule.nextStep(null, at(MONDAY, 17, 0))).isEmpty();
        assertThat(schedule.nextStep(day(MONDAY.minusDays(3), BusinessDayPhase.CLOSED), at(MONDAY, 20, 0))).isEmpty();
    }

    @Test
    void weekendsAndHolidaysNeverOpen() {
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CLOSED), at(SATURDAY, 9, 0))).isEmpty();
        assertThat(schedule.nextStep(day(CHRISTMAS.minusDays(1), BusinessDayPhase.CLOSED), at(CHRISTMAS, 9, 0)))
                .isEmpty();
        assertThat(schedule.isBusinessDate(CHRISTMAS)).isFalse();
        assertThat(schedule.isBusinessDate(SATURDAY)).isFalse();
        assertThat(schedule.isBusinessDate(MONDAY)).isTrue();
    }

    @Test
    void aClosedDayIsNotOpenedAgainOnTheSameDate() {
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CLOSED), at(MONDAY, 9, 0))).isEmpty();
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CLOSED), at(TUESDAY, 7, 0)))
                .contains(new OpenBusinessDayCommand(TUESDAY));
    }

    @Test
    void theOpenDayPassesItsCustomerCutOffAtItsTime() {
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.OPEN), at(MONDAY, 15, 59))).isEmpty();
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.OPEN), at(MONDAY, 16, 0)))
                .contains(new CutOffCustomerPaymentsCommand());
    }

    @Test
    void theDayPastItsCustomerCutOffIsCutOffAtItsCutOffTime() {
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CUSTOMER_CUT_OFF), at(MONDAY, 16, 59))).isEmpty();
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CUSTOMER_CUT_OFF), at(MONDAY, 17, 0)))
                .contains(new CutOffBusinessDayCommand());
    }

    /** A node down from before the customer cut-off until after the cut-off passes both at once. */
    @Test
    void anOpenDayPastItsCutOffTimeIsCutOffInOneStep() {
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.OPEN), at(MONDAY, 17, 0)))
                .contains(new CutOffBusinessDayCommand());
    }

    @Test
    void aCustomerCutOffAtTheCutOffTimeIsNoSeparateStep() {
        BusinessDaySchedule oneCutOff = new BusinessDaySchedule(BERLIN, LocalTime.of(7, 0), LocalTime.of(17, 0),
                LocalTime.of(17, 0), LocalTime.of(18, 0), BusinessDaySchedule.WEEKDAYS, null);
        assertThat(oneCutOff.nextStep(day(MONDAY, BusinessDayPhase.OPEN), at(MONDAY, 16, 59))).isEmpty();
        assertThat(oneCutOff.nextStep(day(MONDAY, BusinessDayPhase.OPEN), at(MONDAY, 17, 0)))
                .contains(new CutOffBusinessDayCommand());
    }

    @Test
    void theCutOffDayClosesAtItsClosingTime() {
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CUT_OFF), at(MONDAY, 17, 59))).isEmpty();
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CUT_OFF), at(MONDAY, 18, 0)))
                .contains(new CloseBusinessDayCommand());
    }

    /** A node down over the night takes every step in turn, never skipping the close's cancellations. */
    @Test
    void aDayLeftOpenOvernightIsCutOffThenClosedBeforeTheNextOpens() {
        Instant tuesdayMorning = at(TUESDAY, 8, 0);
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.OPEN), tuesdayMorning))
                .contains(new CutOffBusinessDayCommand());
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CUT_OFF), tuesdayMorning))
                .contains(new CloseBusinessDayCommand());
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.CLOSED), tuesdayMorning))
                .contains(new OpenBusinessDayCommand(TUESDAY));
    }

    @Test
    void theSameViewAndInstantAlwaysGiveTheSameStep() {
        Instant instant = at(MONDAY, 17, 30);
        Optional<Object> first = schedule.nextStep(day(MONDAY, BusinessDayPhase.OPEN), instant);
        assertThat(schedule.nextStep(day(MONDAY, BusinessDayPhase.OPEN), instant)).isEqualTo(first);
    }

    @Test
    void aScheduleWhoseTimesAreOutOfOrderIsRefused() {
        assertThatThrownBy(() -> new BusinessDaySchedule(BERLIN, LocalTime.of(17, 0), LocalTime.of(7, 0),
                LocalTime.of(7, 0), LocalTime.of(18, 0), BusinessDaySchedule.WEEKDAYS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its customer cut-off");
        assertThatThrownBy(() -> new BusinessDaySchedule(BERLIN, LocalTime.of(7, 0), LocalTime.of(17, 0),
                LocalTime.of(16, 0), LocalTime.of(18, 0), BusinessDaySchedule.WEEKDAYS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at or after the customer");
        assertThatThrownBy(() -> new BusinessDaySchedule(BERLIN, LocalTime.of(7, 0), LocalTime.of(17, 0),
                LocalTime.of(17, 0), LocalTime.of(16, 0), BusinessDaySchedule.WEEKDAYS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at or after its cut-off");
        assertThatThrownBy(() -> new BusinessDaySchedule(BERLIN, LocalTime.of(7, 0), LocalTime.of(17, 0),
                LocalTime.of(17, 0), LocalTime.of(18, 0), java.util.Set.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weekday");
    }
}
