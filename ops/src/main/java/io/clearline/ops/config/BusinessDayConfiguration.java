package io.clearline.ops.config;

import io.clearline.core.businessday.BusinessDayScheduler;
import io.clearline.core.businessday.api.BusinessDaySchedule;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The business day by the clock: when {@code clearline.business-day.schedule.enabled} is true, the node
 * opens the day, passes its customer cut-off and its cut-off, and closes it at the configured local times of the business zone, on business
 * weekdays that are not holidays. Off by default, so that a demo started in the evening takes payments:
 * the operator then steps the day from the workspace or {@code /api/business-day}.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "clearline.business-day.schedule.enabled", havingValue = "true")
public class BusinessDayConfiguration {
    private static final System.Logger LOG = System.getLogger(BusinessDayConfiguration.class.getName());

    @Bean
    BusinessDaySchedule businessDaySchedule(
            @Value("${clearline.iso20022.business-zone}") String zone,
            @Value("${clearline.business-day.schedule.opens-at:07:00}") String opensAt,
            @Value("${clearline.business-day.schedule.customer-cut-off-at:16:00}") String customerCutOffAt,
            @Value("${clearline.business-day.schedule.cut-off-at:17:00}") String cutOffAt,
            @Value("${clearline.business-day.schedule.closes-at:18:00}") String closesAt,
            @Value("${clearline.business-day.schedule.weekdays:MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY}")
            String weekdays,
            @Value("${clearline.business-day.schedule.holidays:}") String holidays) {
        // Parsed here, in ISO forms, rather than by whatever conversion service the context has.
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(weekdays.split(",")).map(String::strip).filter(day -> !day.isEmpty()).map(DayOfWeek::valueOf).forEach(days::add);
        TreeSet<LocalDate> dates = new TreeSet<>();
        Arrays.stream(holidays.split(",")).map(String::strip).filter(date -> !date.isEmpty()).map(LocalDate::parse).forEach(dates::add);
        return new BusinessDaySchedule(ZoneId.of(zone), LocalTime.parse(opensAt.strip()),
                LocalTime.parse(customerCutOffAt.strip()),
                LocalTime.parse(cutOffAt.strip()), LocalTime.parse(closesAt.strip()), days, dates);
    }

    @Bean
    BusinessDayScheduler businessDayScheduler(BusinessDaySchedule schedule, CommandGateway commands,
                                              QueryGateway queries, Clock clock) {
        LOG.log(System.Logger.Level.INFO, "business day by schedule: opens " + schedule.opensAt()
                + ", customer cut-off " + schedule.customerCutOffAt() + ", cut-off "
                + schedule.cutOffAt() + ", closes " + schedule.closesAt() + " " + schedule.zone() + " on "
                + schedule.businessDays() + ", holidays " + schedule.holidays());
        return new BusinessDayScheduler(schedule, commands, queries, clock);
    }

    @Bean
    ScheduledBusinessDay scheduledBusinessDay(BusinessDayScheduler scheduler) {
        return new ScheduledBusinessDay(scheduler);
    }

    /** Ticks the scheduler; a failed tick is logged and the next one tries again. */
    static class ScheduledBusinessDay {
        private final BusinessDayScheduler scheduler;

        ScheduledBusinessDay(BusinessDayScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Scheduled(initialDelayString = "${clearline.business-day.schedule.check-interval:PT15S}",
                fixedDelayString = "${clearline.business-day.schedule.check-interval:PT15S}")
        void step() {
            try {
                Optional<Object> step = scheduler.tick();
                step.ifPresent(command -> LOG.log(System.Logger.Level.INFO, "business day schedule: " + command));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "business day schedule step failed; the next tick tries again", e);
            }
        }
    }
}
