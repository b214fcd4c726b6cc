package io.clearline.core.businessday;

import io.clearline.core.businessday.api.BusinessDaySchedule;
import io.clearline.core.businessday.api.BusinessDayView;
import io.clearline.core.businessday.api.FindBusinessDayQuery;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Steps the business day by its schedule: call {@link #tick()} every few seconds (the node does, when
 * the schedule is switched on). Each tick sends at most one step. The current day comes from the
 * projection, which may lag behind the aggregate by a moment; every step is idempotent at the
 * aggregate (opening the open day, cutting off twice, closing twice change nothing), so a step sent
 * again on a stale view is harmless.
 */
public class BusinessDayScheduler {
    /** How long one tick waits for the projection or the aggregate before the next tick tries again. */
    static final long STEP_WAIT_MAX_MILLIS = 10_000;

    private final BusinessDaySchedule schedule;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public BusinessDayScheduler(BusinessDaySchedule schedule, CommandGateway commands, QueryGateway queries,
                                Clock clock) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the step sent (an open, cut-off or close command), or empty when none was due */
    public Optional<Object> tick() {
        BusinessDayView current = queries.query(new FindBusinessDayQuery(),
                        ResponseTypes.instanceOf(BusinessDayView.class))
                .orTimeout(STEP_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join();
        Optional<Object> step = schedule.nextStep(current, clock.instant());
        step.ifPresent(command -> commands.sendAndWait(command, STEP_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS));
        return step;
    }

    public BusinessDaySchedule schedule() {
        return schedule;
    }
}
