package io.clearline.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.businessday.BusinessDayScheduler;
import io.clearline.core.businessday.api.BusinessDaySchedule;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The schedule's properties as an operator writes them, and the schedule off unless switched on. */
class BusinessDayConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(BusinessDayConfiguration.class)
            .withBean(CommandGateway.class, () -> Mockito.mock(CommandGateway.class))
            .withBean(QueryGateway.class, () -> Mockito.mock(QueryGateway.class))
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("clearline.iso20022.business-zone=Europe/Berlin");

    @Test
    void theScheduleIsOffUnlessSwitchedOn() {
        context.run(node -> assertThat(node).doesNotHaveBean(BusinessDayScheduler.class));
        context.withPropertyValues("clearline.business-day.schedule.enabled=false")
                .run(node -> assertThat(node).doesNotHaveBean(BusinessDayScheduler.class));
    }

    @Test
    void theOperatorsTimesWeekdaysAndHolidaysMakeTheSchedule() {
        context.withPropertyValues("clearline.business-day.schedule.enabled=true",
                        "clearline.business-day.schedule.opens-at=06:30",
                        "clearline.business-day.schedule.customer-cut-off-at=15:15",
                        "clearline.business-day.schedule.cut-off-at=16:00",
                        "clearline.business-day.schedule.closes-at=16:45",
                        "clearline.business-day.schedule.weekdays=MONDAY, TUESDAY",
                        "clearline.business-day.schedule.holidays=2026-12-25, 2026-12-26")
                .run(node -> {
                    assertThat(node).hasSingleBean(BusinessDayScheduler.class);
                    BusinessDaySchedule schedule = node.getBean(BusinessDaySchedule.class);
                    assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
                    assertThat(schedule.opensAt()).isEqualTo(LocalTime.of(6, 30));
                    assertThat(schedule.customerCutOffAt()).isEqualTo(LocalTime.of(15, 15));
                    assertThat(schedule.cutOffAt()).isEqualTo(LocalTime.of(16, 0));
                    assertThat(schedule.closesAt()).isEqualTo(LocalTime.of(16, 45));
                    assertThat(schedule.businessDays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
                    assertThat(schedule.holidays()).containsExactly(LocalDate.of(2026, 12, 25),
                            LocalDate.of(2026, 12, 26));
                });
    }

    @Test
    void aScheduleWithItsTimesOutOfOrderStopsTheNodeFromStarting() {
        context.withPropertyValues("clearline.business-day.schedule.enabled=true",
                        "clearline.business-day.schedule.cut-off-at=19:00")
                .run(node -> assertThat(node).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("at or after its cut-off"));
    }
}
