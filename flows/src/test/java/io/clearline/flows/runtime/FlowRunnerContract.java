package io.clearline.flows.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Page;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.StateRef;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow runner's rules, on whichever database a subclass provides (a fresh one per test). */
abstract class FlowRunnerContract {
    static final int RETRIES_MAX = 3;
    static final Duration SOFT_LOCK_TIMEOUT = Duration.ofMinutes(5);
    static final FlowRunner.Limits LIMITS = new FlowRunner.Limits(16, Duration.ofSeconds(30), 32);
    /** Backoff of a millisecond: the tests check what is retried, never how long it waited. */
    static final FlowHospital HOSPITAL = new FlowHospital(RETRIES_MAX, Duration.ofMillis(1), Duration.ofMillis(4),
            failure -> failure instanceof Refusal);

    /** A business refusal: the flow's answer, not an error. */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message);
        }
    }

    /** A notary that did not answer in time. */
    static final class NotaryTimeout extends RuntimeException implements TransientFlowException {
        NotaryTimeout() {
            super("the notary did not answer in time");
        }
    }

    /** The process dies: an Error, which the runner leaves as a crash would (RUNNABLE). */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private DataSource database;
    SoftLocks softLocks;
    Script script;
    FlowRunner runner;

    /** A fresh, empty database for one test. */
    abstract DataSource newDatabase();

    @BeforeEach
    void openRunner() {
        database = newDatabase();
        softLocks = new SoftLocks(SOFT_LOCK_TIMEOUT);
        script = new Script(softLocks);
        runner = newRunner(softLocks, LIMITS);
    }

    @AfterEach
    void closeExecutor() {
        executor.shutdownNow();
    }

    /** Another runner on the same database: the node after a restart, with its own (empty) soft locks. */
    FlowRunner newRunner(SoftLocks locks, FlowRunner.Limits limits) {
        return new FlowRunner(new Jdbc(database), locks, Clock.systemUTC(), executor, HOSPITAL, limits)
                .register(ScriptedFlow.definition(script));
    }

    ScriptedFlow flow(String... plan) {
        return new ScriptedFlow(script, List.of(plan));
    }

    FlowSummary summary(FlowRunner someRunner, String flowId) {
        return someRunner.find(flowId).orElseThrow();
    }

    static Throwable failureOf(CompletableFuture<?> outcome) {
        assertThatThrownBy(outcome::join).isInstanceOf(CompletionException.class);
        return outcome.handle((result, failure) -> failure instanceof CompletionException completion
                ? completion.getCause() : failure).join();
    }

    @Test
    void aFlowResumedAfterACrashReplaysItsJournalAndExecutesOnlyTheStepsBeyondIt() {
        script.fail("three", 1, () -> new SimulatedCrash("the node dies during step three"));
        ScriptedFlow flow = flow("await one", "now", "random", "await two", "await three");

        assertThat(failureOf(runner.start("flow-1", flow))).isInstanceOf(SimulatedCrash.class);
        assertThat(summary(runner, "flow-1").status()).isEqualTo(FlowStatus.RUNNABLE);

        FlowRunner restarted = newRunner(new SoftLocks(SOFT_LOCK_TIMEOUT), LIMITS);
        assertThat(restarted.resumeUnfinished().join()).isEqualTo(1);

        assertThat(script.executions("flow-1", "one")).isEqualTo(1);
        assertThat(script.executions("flow-1", "two")).isEqualTo(1);
        assertThat(script.executions("flow-1", "three")).isEqualTo(2);
        // The time and the random bytes of the first run, fed to the second from the journal.
        assertThat(script.observed("flow-1", "now")).hasSize(2)
                .satisfies(seen -> assertThat(seen.get(1)).isEqualTo(seen.get(0)));
        assertThat(script.observed("flow-1", "random")).hasSize(2)
                .satisfies(seen -> assertThat(seen.get(1)).isEqualTo(seen.get(0)));
        FlowSummary completed = summary(restarted, "flow-1");
        assertThat(completed.status()).isEqualTo(FlowStatus.COMPLETED);
        assertThat(completed.attempts()).isEqualTo(2);
        // Asked again, it answers from its checkpoint and runs nothing.
        assertThat(restarted.start("flow-1", flow).join()).startsWith("one#1|").endsWith("|two#1|three#2|");
        assertThat(script.executions("flow-1", "three")).isEqualTo(2);
    }

    @Test
    void aTransientFailureIsRetriedFromTheJournalWithoutRepeatingTheStepsBeforeIt() {
        script.fail("three", 1, () -> new Jdbc.LedgerStorageException(
                new SQLTransientConnectionException("connection reset", "08006")));

        String result = runner.start("flow-1", flow("await one", "random", "await two", "await three")).join();

        assertThat(result).startsWith("one#1|").endsWith("|two#1|three#2|");
        assertThat(script.executions("flow-1", "one")).isEqualTo(1);
        assertThat(script.executions("flow-1", "two")).isEqualTo(1);
        assertThat(script.observed("flow-1", "random")).hasSize(2)
                .satisfies(seen -> assertThat(seen.get(1)).isEqualTo(seen.get(0)));
        FlowSummary summary = summary(runner, "flow-1");
        assertThat(summary.status()).isEqualTo(FlowStatus.COMPLETED);
        assertThat(summary.attempts()).isEqualTo(2);
        assertThat(summary.lastError()).contains("connection reset");
    }

    @Test
    void aTransientFailureThatPersistsIsRetriedUpToTheLimitThenParked() {
        script.fail("two", RETRIES_MAX + 1, NotaryTimeout::new);

        Throwable failure = failureOf(runner.start("flow-1", flow("await one", "await two")));

        assertThat(failure).isInstanceOf(FlowParkedException.class).hasCauseInstanceOf(NotaryTimeout.class);
        assertThat(script.executions("flow-1", "one")).isEqualTo(1);
        assertThat(script.executions("flow-1", "two")).isEqualTo(RETRIES_MAX + 1);
        FlowSummary parked = summary(runner, "flow-1");
        assertThat(parked.status()).isEqualTo(FlowStatus.PARKED);
        assertThat(parked.attempts()).isEqualTo(RETRIES_MAX + 1);
        assertThat(parked.lastError()).contains("NotaryTimeout").contains("did not answer in time");
    }

    @Test
    void aFailureThatIsNotTransientParksTheFlowAtOnce() {
        script.fail("two", 1, () -> new IllegalStateException("a bug in step two"));
        ScriptedFlow flow = flow("await one", "await two");

        assertThat(failureOf(runner.start("flow-1", flow))).isInstanceOf(FlowParkedException.class)
                .hasCauseInstanceOf(IllegalStateException.class);

        assertThat(script.executions("flow-1", "two")).isEqualTo(1);
        FlowSummary parked = summary(runner, "flow-1");
        assertThat(parked.status()).isEqualTo(FlowStatus.PARKED);
        assertThat(parked.attempts()).isEqualTo(1);
        assertThat(parked.lastError()).contains("a bug in step two");
        // Only an operator moves it on: starting it again says it is parked and runs nothing.
        assertThat(failureOf(runner.start("flow-1", flow))).isInstanceOf(FlowParkedException.class);
        assertThat(script.executions("flow-1", "one")).isEqualTo(1);
    }

    @Test
    void aBusinessRefusalEndsTheFlowAsFailedAndStartingItAgainRunsItAfresh() {
        script.fail("two", 1, () -> new Refusal("not enough cash"));
        ScriptedFlow flow = flow("await one", "await two");

        assertThat(failureOf(runner.start("flow-1", flow))).isInstanceOf(Refusal.class).hasMessage("not enough cash");
        FlowSummary failed = summary(runner, "flow-1");
        assertThat(failed.status()).isEqualTo(FlowStatus.FAILED);
        assertThat(failed.lastError()).contains("not enough cash");

        assertThat(runner.start("flow-1", flow).join()).isEqualTo("one#2|two#2|");
        assertThat(summary(runner, "flow-1").status()).isEqualTo(FlowStatus.COMPLETED);
    }

    @Test
    void retryingAParkedFlowReplaysItsJournalAndCompletesIt() {
        script.fail("three", 1, () -> new IllegalStateException("a bug in step three"));
        failureOf(runner.start("flow-1", flow("await one", "lock cash tx-a:0", "await two", "await three")));

        Object result = runner.retry("flow-1").join();

        assertThat(result).isEqualTo("one#1|tx-a:0|two#1|three#2|");
        assertThat(script.executions("flow-1", "one")).isEqualTo(1);
        assertThat(script.executions("flow-1", "two")).isEqualTo(1);
        FlowSummary completed = summary(runner, "flow-1");
        assertThat(completed.status()).isEqualTo(FlowStatus.COMPLETED);
        assertThat(completed.attempts()).isEqualTo(2);
        // A flow that ends lets go of its soft locks.
        assertThat(softLocks.isLocked(new StateRef("tx-a", 0))).isFalse();
        assertThatThrownBy(() -> runner.retry("flow-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a parked flow is retried");
    }

    @Test
    void killingAParkedFlowReleasesItsSoftLocksAndRecordsWhy() {
        script.fail("two", 1, () -> new IllegalStateException("a bug in step two"));
        failureOf(runner.start("flow-1", flow("lock cash tx-a:0 tx-a:1", "await two")));
        UUID lockId = FlowRunner.softLockIdOf("flow-1");
        assertThat(softLocks.isLockedBy(new StateRef("tx-a", 0), lockId)).isTrue();
        assertThat(softLocks.isLockedBy(new StateRef("tx-a", 1), lockId)).isTrue();

        assertThat(runner.kill("flow-1", "the payer withdrew the instruction")).isTrue();

        assertThat(softLocks.isLocked(new StateRef("tx-a", 0))).isFalse();
        assertThat(softLocks.isLocked(new StateRef("tx-a", 1))).isFalse();
        FlowSummary killed = summary(runner, "flow-1");
        assertThat(killed.status()).isEqualTo(FlowStatus.KILLED);
        assertThat(killed.lastError()).contains("killed: the payer withdrew the instruction")
                .contains("a bug in step two");
        assertThat(runner.kill("flow-1", "again")).isFalse();
        assertThatThrownBy(() -> runner.retry("flow-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void killingARunningFlowStopsItAtItsSuspendingCallAndReleasesItsSoftLocks() throws InterruptedException {
        Script.Blocker waiting = script.block("wait");
        CompletableFuture<String> outcome = runner.start("flow-1", flow("lock cash tx-a:0", "await wait", "await after"));
        waiting.awaitEntered();
        assertThat(softLocks.isLocked(new StateRef("tx-a", 0))).isTrue();

        assertThat(runner.kill("flow-1", "stuck on a counterparty")).isTrue();

        assertThat(failureOf(outcome)).isInstanceOf(FlowKilledException.class).hasMessageContaining("stuck on a counterparty");
        assertThat(script.executions("flow-1", "after")).isZero();
        assertThat(softLocks.isLocked(new StateRef("tx-a", 0))).isFalse();
        assertThat(summary(runner, "flow-1").status()).isEqualTo(FlowStatus.KILLED);
        assertThat(runner.runningCount()).isZero();
    }

    @Test
    void onStartEveryFlowACrashLeftRunnableIsResumedAndOneThatCannotBeRebuiltIsParked() {
        script.fail("two", 3, () -> new SimulatedCrash("the node dies"));
        for (int i = 1; i <= 3; i++) {
            failureOf(runner.start("flow-" + i, flow("await one", "await two")));
        }
        runner.register(new FlowDefinition<>(CrashingFlow.class, FlowCodec.STRING.map(flow -> "", ignored -> new CrashingFlow()),
                FlowCodec.STRING));
        failureOf(runner.start("unknown-after-restart", new CrashingFlow()));
        assertThat(runner.list(FlowStatus.RUNNABLE, 0, 10).items()).hasSize(4);

        FlowRunner restarted = newRunner(new SoftLocks(SOFT_LOCK_TIMEOUT), LIMITS);

        assertThat(restarted.resumeUnfinished().join()).isEqualTo(3);
        assertThat(restarted.list(FlowStatus.COMPLETED, 0, 10).items()).extracting(FlowSummary::flowId)
                .containsExactlyInAnyOrder("flow-1", "flow-2", "flow-3");
        for (int i = 1; i <= 3; i++) {
            assertThat(script.executions("flow-" + i, "one")).isEqualTo(1);
        }
        FlowSummary parked = summary(restarted, "unknown-after-restart");
        assertThat(parked.status()).isEqualTo(FlowStatus.PARKED);
        assertThat(parked.lastError()).contains("cannot be rebuilt").contains("no flow definition");
    }

    /** Registered with the first runner only: after the restart nobody knows how to rebuild it. */
    static final class CrashingFlow implements Flow<String> {
        @Override
        public String call(FlowContext context) {
            throw new SimulatedCrash("the node dies at once");
        }
    }

    @Test
    void listingPagesThroughTheFlowsOfAStatusOldestFirst() {
        for (int i = 1; i <= 5; i++) {
            runner.start("flow-" + i, flow("await one")).join();
        }

        Page<FlowSummary> first = runner.list(FlowStatus.COMPLETED, 0, 2);
        Page<FlowSummary> second = runner.list(FlowStatus.COMPLETED, 1, 2);
        Page<FlowSummary> last = runner.list(FlowStatus.COMPLETED, 2, 2);

        assertThat(first.items()).extracting(FlowSummary::flowId).containsExactly("flow-1", "flow-2");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).extracting(FlowSummary::flowId).containsExactly("flow-3", "flow-4");
        assertThat(second.hasMore()).isTrue();
        assertThat(last.items()).extracting(FlowSummary::flowId).containsExactly("flow-5");
        assertThat(last.hasMore()).isFalse();
        assertThat(runner.list(FlowStatus.PARKED, 0, 2).items()).isEmpty();
        assertThatThrownBy(() -> runner.list(FlowStatus.COMPLETED, 0, Page.PAGE_SIZE_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runner.list(FlowStatus.COMPLETED, -1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFlowIdIsAnIdempotencyKey() throws InterruptedException {
        Script.Blocker waiting = script.block("wait");
        CompletableFuture<String> first = runner.start("flow-1", flow("await wait"));
        waiting.awaitEntered();
        CompletableFuture<String> joined = runner.start("flow-1", flow("await wait"));
        assertThat(failureOf(runner.start("flow-1", flow("await other")))).isInstanceOf(FlowIdReusedException.class);
        waiting.release();

        assertThat(first.join()).isEqualTo("wait#1|");
        assertThat(joined.join()).isEqualTo("wait#1|");
        assertThat(runner.start("flow-1", flow("await wait")).join()).isEqualTo("wait#1|");
        assertThat(script.executions("flow-1", "wait")).isEqualTo(1);
        assertThat(failureOf(runner.start("flow-1", flow("await other")))).isInstanceOf(FlowIdReusedException.class);
    }

    @Test
    void aFlowThatAsksForAStepOtherThanItsJournalHoldsIsParkedAsNotDeterministic() {
        script.fail("two", 1, () -> new IllegalStateException("a bug in step two"));
        failureOf(runner.start("flow-1", flow("await-per-attempt", "await two")));

        Throwable failure = failureOf(runner.retry("flow-1"));

        assertThat(failure).isInstanceOf(FlowParkedException.class).hasCauseInstanceOf(FlowJournalException.class);
        assertThat(summary(runner, "flow-1").lastError()).contains("not deterministic");
        assertThat(script.executions("flow-1", "per-attempt")).isEqualTo(1);
    }

    @Test
    void aFlowThatTakesMoreStepsThanTheJournalLimitIsParked() {
        FlowRunner small = newRunner(softLocks, new FlowRunner.Limits(4, Duration.ofSeconds(30), 2));

        Throwable failure = failureOf(small.start("flow-1", flow("await one", "await two", "await three")));

        assertThat(failure).isInstanceOf(FlowParkedException.class).hasCauseInstanceOf(FlowJournalException.class);
        assertThat(summary(small, "flow-1").lastError()).contains("took more than 2 steps");
        assertThat(script.executions("flow-1", "three")).isZero();
    }

    @Test
    void noMoreFlowsRunAtOnceThanTheLimit() throws InterruptedException {
        FlowRunner single = newRunner(softLocks, new FlowRunner.Limits(1, Duration.ZERO, 8));
        Script.Blocker waiting = script.block("wait");
        CompletableFuture<String> running = single.start("flow-1", flow("await wait"));
        waiting.awaitEntered();

        assertThat(failureOf(single.start("flow-2", flow("await one")))).isInstanceOf(FlowCapacityException.class);
        assertThat(single.find("flow-2")).isEmpty();

        waiting.release();
        assertThat(running.join()).isEqualTo("wait#1|");
        assertThat(single.start("flow-2", flow("await one")).join()).isEqualTo("one#1|");
    }
}
