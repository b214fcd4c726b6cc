package io.clearline.ops.config;

import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.lsm.GridlockRunRecovery;
import io.clearline.core.lsm.GridlockRunner;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.ResolutionMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The liquidity-saving mechanism on this node: one runner (one run at a time), started by operators
 * through the API and by a schedule that resolves each configured currency in FIFO mode, the policy a
 * bank can predict. A scheduled run on empty queues records nothing. Runs the node left unfinished
 * (it stopped, or the ledger did not answer) are completed by a recovery pass at start and on its own
 * schedule.
 */
@Configuration
@EnableScheduling
public class GridlockConfiguration {

    @Bean
    GridlockRunner gridlockRunner(CommandGateway commands, QueryGateway queries, LedgerPort ledger, Clock clock) {
        return new GridlockRunner(commands, queries, ledger, clock);
    }

    @Bean
    GridlockRunRecovery gridlockRunRecovery(CommandGateway commands, QueryGateway queries, LedgerPort ledger,
                                            Clock clock, GridlockRunner runner,
                                            @Value("${clearline.lsm.recovery.unfinished-age-min:PT5M}")
                                            Duration unfinishedAgeMin) {
        return new GridlockRunRecovery(commands, queries, ledger, clock, runner, unfinishedAgeMin);
    }

    @Component
    @ConditionalOnProperty(name = "clearline.lsm.recovery.enabled", havingValue = "true", matchIfMissing = true)
    static class ScheduledGridlockRecovery {
        private static final System.Logger LOG = System.getLogger(ScheduledGridlockRecovery.class.getName());

        private final GridlockRunRecovery recovery;

        ScheduledGridlockRecovery(GridlockRunRecovery recovery) {
            this.recovery = recovery;
        }

        /** At start (the projection that lists unfinished runs may still be replaying: the next pass sees them). */
        @Scheduled(initialDelayString = "PT0S", fixedDelayString = "${clearline.lsm.recovery.interval:PT1M}")
        void recoverUnfinishedRuns() {
            try {
                for (GridlockRunRecordedEvent run : recovery.recoverUnfinishedRuns()) {
                    LOG.log(System.Logger.Level.WARNING, "recovered gridlock run " + run.runId() + " on "
                            + run.currency() + ": " + run.outcome());
                }
            } catch (RuntimeException e) {
                // The next pass tries again; one failed pass must not stop the schedule.
                LOG.log(System.Logger.Level.ERROR, "gridlock recovery pass failed", e);
            }
        }
    }

    @Component
    @ConditionalOnProperty(name = "clearline.lsm.schedule.enabled", havingValue = "true", matchIfMissing = true)
    static class ScheduledGridlockRuns {
        private static final System.Logger LOG = System.getLogger(ScheduledGridlockRuns.class.getName());

        private final GridlockRunner runner;
        private final List<String> currencies;

        ScheduledGridlockRuns(GridlockRunner runner, @Value("${clearline.lsm.currencies:EUR}") List<String> currencies) {
            this.runner = runner;
            this.currencies = List.copyOf(currencies);
        }

        @Scheduled(initialDelayString = "${clearline.lsm.schedule.interval:PT30S}",
                fixedDelayString = "${clearline.lsm.schedule.interval:PT30S}")
        void resolveGridlocks() {
            for (String currency : currencies) {
                try {
                    GridlockRunRecordedEvent run = runner.runIfAnythingQueued(currency, ResolutionMode.FIFO);
                    if (run != null) {
                        LOG.log(System.Logger.Level.INFO, "gridlock run " + run.runId() + " on " + currency + ": "
                                + run.outcome() + ", " + run.settledUetrs().size() + " of " + run.considered()
                                + " queued payments settled");
                    }
                } catch (RuntimeException e) {
                    // The next tick tries again; one failed run must not stop the schedule.
                    LOG.log(System.Logger.Level.ERROR, "scheduled gridlock run on " + currency + " failed", e);
                }
            }
        }
    }
}
