package io.clearline.flows.runtime;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Decides what becomes of a flow that threw. A business outcome (what {@code isOutcome} recognises,
 * such as a refusal) ends it as {@link FlowStatus#FAILED}, and so does a {@link FlowSessionException}. A transient failure is retried with
 * exponential backoff, at most {@code transientRetriesMax} times in a row, then parked. Anything
 * else is a bug or needs a person: parked at once, with its error recorded.
 *
 * <p>Transient means, anywhere in the chain of causes: a {@link TransientFlowException}; a JDBC
 * transient or recoverable exception; an SQL state of class 08 (connection) or 40 (serialisation
 * failure, deadlock); a {@link TimeoutException} (a notary or peer that did not answer in time).
 */
public final class FlowHospital {
    /** Hospital retries in a row before a transient failure parks the flow. */
    public static final int TRANSIENT_RETRIES_MAX = 5;
    /** The wait before the first retry; each further retry waits twice as long, up to the maximum. */
    public static final Duration RETRY_BACKOFF_INITIAL = Duration.ofMillis(100);
    public static final Duration RETRY_BACKOFF_MAX = Duration.ofSeconds(10);
    /** Causes followed at most, so a cycle in a chain of causes cannot loop. */
    static final int CAUSE_DEPTH_MAX = 32;

    public enum Verdict { RETRY, FAIL, PARK }

    private final int transientRetriesMax;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Predicate<Throwable> isOutcome;

    /**
     * @param isOutcome which failures are business outcomes of the flow (FAILED, for its caller to
     *                  handle) rather than errors; checked against every cause in the chain
     */
    public FlowHospital(int transientRetriesMax, Duration backoffInitial, Duration backoffMax,
                        Predicate<Throwable> isOutcome) {
        if (transientRetriesMax < 0 || backoffInitial.isNegative() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("retries " + transientRetriesMax + ", backoff " + backoffInitial + " to "
                    + backoffMax + ": need retries >= 0 and 0 <= initial <= maximum");
        }
        this.transientRetriesMax = transientRetriesMax;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.isOutcome = Objects.requireNonNull(isOutcome, "isOutcome");
    }

    /** With the named defaults. */
    public FlowHospital(Predicate<Throwable> isOutcome) {
        this(TRANSIENT_RETRIES_MAX, RETRY_BACKOFF_INITIAL, RETRY_BACKOFF_MAX, isOutcome);
    }

    public int transientRetriesMax() {
        return transientRetriesMax;
    }

    /** @param retriesSoFar hospital retries already made in a row for this flow */
    public Verdict diagnose(Throwable failure, int retriesSoFar) {
        // A session's failure (the counterparty failed, ended, went silent) is journaled: a retry would meet it again.
        if (anyCause(failure, isOutcome) || anyCause(failure, cause -> cause instanceof FlowSessionException)) {
            return Verdict.FAIL;
        }
        if (isTransient(failure)) {
            return retriesSoFar < transientRetriesMax ? Verdict.RETRY : Verdict.PARK;
        }
        return Verdict.PARK;
    }

    /** The wait before retry number {@code retryNumber} (from 1): doubling from the initial wait, capped. */
    public Duration backoff(int retryNumber) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retries are numbered from 1: " + retryNumber);
        }
        // Past 2^30 the cap has long been reached; the shift is bounded so it cannot overflow.
        long factor = 1L << Math.min(retryNumber - 1, 30);
        long millis = backoffInitial.toMillis() > backoffMax.toMillis() / factor
                ? backoffMax.toMillis() : backoffInitial.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }

    public static boolean isTransient(Throwable failure) {
        return anyCause(failure, FlowHospital::isTransientItself);
    }

    private static boolean isTransientItself(Throwable cause) {
        if (cause instanceof TransientFlowException || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException || cause instanceof TimeoutException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40");
        }
        return false;
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSE_DEPTH_MAX; depth++) {
            if (test.test(cause)) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
