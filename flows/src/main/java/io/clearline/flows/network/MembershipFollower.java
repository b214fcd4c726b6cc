package io.clearline.flows.network;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a node on the network's latest membership list: asks the source every {@code pollInterval},
 * verifies and stores a newer list, then tells the listeners. While the source is unreachable or offers
 * a list this node refuses, it waits twice as long after each failure, up to {@code backoffMax}, and
 * returns to the interval after the first success. A refused list is logged and never applied.
 * {@link #status()} says what the last poll did and when the source last answered, for operators.
 *
 * <pre>{@code
 * MembershipFollower follower = new MembershipFollower(source, new MembershipVerifier(pinnedRoot), store,
 *         new MembershipFollower.Settings(Duration.ofSeconds(2), Duration.ofMinutes(1)));
 * follower.addListener(membership);
 * follower.start();
 * }</pre>
 */
public final class MembershipFollower implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MembershipFollower.class.getName());

    /** How often to ask the source, and the longest wait after failures. */
    public record Settings(Duration pollInterval, Duration backoffMax) {
        public Settings {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(backoffMax, "backoffMax");
            if (pollInterval.isNegative() || pollInterval.isZero() || backoffMax.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException("a positive poll interval and a back-off of at least that, not "
                        + pollInterval + " and " + backoffMax);
            }
        }
    }

    /** What one poll did. */
    public enum Outcome {
        /** The source offers nothing, or the list this node holds. */
        UNCHANGED,
        /** A newer list was verified, stored and announced. */
        ACCEPTED,
        /** The source offers a list this node refuses (see the log for the rule). */
        REFUSED,
        /** The source could not be asked. */
        UNAVAILABLE
    }

    /**
     * What the follower has done so far, for health and metrics.
     *
     * @param startedAt            when this follower was made (the measure of staleness before any answer)
     * @param lastPollAt           when it last asked the source, null before the first poll
     * @param lastOutcome          what that poll did; null before the first poll, and after a poll that
     *                             failed on this node's own storage (see {@code lastProblem})
     * @param lastSuccessAt        when the source last answered with a list this node took or already held
     *                             (or with nothing published), null if it never did
     * @param lastAcceptedEpoch    the epoch of the list this follower last accepted, null if none since start
     * @param lastAcceptedAt       when it accepted it, null if none since start
     * @param lastProblem          why the latest failed poll failed (a refusal or an unreachable source);
     *                             null once a poll succeeds
     * @param refusal              the rule the last refused list broke; null once a poll succeeds
     * @param consecutiveFailures  polls refused or unavailable since the last success
     */
    public record Status(Instant startedAt, Instant lastPollAt, Outcome lastOutcome, Instant lastSuccessAt,
                         Long lastAcceptedEpoch, Instant lastAcceptedAt, String lastProblem,
                         MembershipRefusedException.Reason refusal, int consecutiveFailures) {
        /** Since when this node has not heard a good answer: its last success, or its start if none. */
        public Instant freshSince() {
            return lastSuccessAt != null ? lastSuccessAt : startedAt;
        }
    }

    private final MembershipSource source;
    private final MembershipVerifier verifier;
    private final MembershipStore store;
    private final Settings settings;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("membership-follower").daemon().factory());
    private final Clock clock;
    private int consecutiveFailures;
    private volatile Status status;
    /** Why the poll under way failed; set by {@link #poll()}, read by {@link #pollOnce()} under its lock. */
    private String problem;
    private MembershipRefusedException.Reason refusal;
    private MembershipList acceptedByPoll;

    public MembershipFollower(MembershipSource source, MembershipVerifier verifier, MembershipStore store,
                              Settings settings) {
        this(source, verifier, store, settings, Clock.systemUTC());
    }

    /** @param clock tells when polls happen, for {@link #status()} */
    public MembershipFollower(MembershipSource source, MembershipVerifier verifier, MembershipStore store,
                              Settings settings, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.status = new Status(clock.instant(), null, null, null, null, null, null, null, 0);
    }

    /** What the follower has done so far; never blocks on a poll under way. */
    public Status status() {
        return status;
    }

    public Settings settings() {
        return settings;
    }

    public MembershipFollower addListener(MembershipListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Polls now and then on schedule, until {@link #close()}. */
    public void start() {
        scheduler.execute(this::pollAndReschedule);
    }

    /** One poll, on the caller's thread; {@link #start()} runs these on its own. */
    public synchronized Outcome pollOnce() {
        problem = null;
        refusal = null;
        acceptedByPoll = null;
        Outcome outcome;
        try {
            outcome = poll();
        } catch (RuntimeException storageFailed) {
            recordFailure(null, "storing the list failed: " + storageFailed.getMessage(), null);
            throw storageFailed;
        }
        if (outcome == Outcome.REFUSED || outcome == Outcome.UNAVAILABLE) {
            recordFailure(outcome, problem, refusal);
        } else {
            consecutiveFailures = 0;
            Status before = status;
            Instant now = clock.instant();
            status = new Status(before.startedAt(), now, outcome, now,
                    acceptedByPoll != null ? Long.valueOf(acceptedByPoll.epoch()) : before.lastAcceptedEpoch(),
                    acceptedByPoll != null ? now : before.lastAcceptedAt(), null, null, 0);
        }
        return outcome;
    }

    private void recordFailure(Outcome outcome, String why, MembershipRefusedException.Reason rule) {
        consecutiveFailures = Math.min(consecutiveFailures + 1, Integer.SIZE);
        Status before = status;
        status = new Status(before.startedAt(), clock.instant(), outcome, before.lastSuccessAt(),
                before.lastAcceptedEpoch(), before.lastAcceptedAt(), why, rule, consecutiveFailures);
    }

    /** The wait before the next poll: the interval, doubled per consecutive failure, at most the back-off. */
    public synchronized Duration nextDelay() {
        Duration delay = settings.pollInterval();
        for (int failure = 0; failure < consecutiveFailures && delay.compareTo(settings.backoffMax()) < 0; failure++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : delay;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void pollAndReschedule() {
        try {
            pollOnce();
        } catch (RuntimeException unexpected) {
            // Storage failed (the database is down, say): pollOnce counted it as a failure, so the same
            // back-off as an unreachable source.
            LOG.log(System.Logger.Level.ERROR, "membership poll failed", unexpected);
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::pollAndReschedule, nextDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Outcome poll() {
        Optional<SignedMembershipList> offered;
        try {
            offered = source.latest();
        } catch (RuntimeException unreachable) {
            problem = "source unavailable: " + unreachable.getMessage();
            // Said once per outage, not at every poll of it.
            LOG.log(consecutiveFailures == 0 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "membership source unavailable: " + unreachable.getMessage());
            return Outcome.UNAVAILABLE;
        }
        if (offered.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        Optional<SignedMembershipList> held = store.latest();
        if (held.isPresent() && held.get().sameBytesAs(offered.get())) {
            return Outcome.UNCHANGED;
        }
        MembershipList accepted;
        try {
            accepted = store.accept(offered.get(), verifier);
        } catch (MembershipRefusedException refused) {
            problem = "list refused (" + refused.reason() + "): " + refused.getMessage();
            refusal = refused.reason();
            LOG.log(System.Logger.Level.WARNING, "membership list refused (" + refused.reason() + "): "
                    + refused.getMessage());
            return Outcome.REFUSED;
        }
        acceptedByPoll = accepted;
        for (MembershipListener listener : listeners) {
            try {
                listener.accepted(accepted);
            } catch (RuntimeException failed) {
                // The list is accepted and stored; one listener's failure must not hide it from the others.
                LOG.log(System.Logger.Level.ERROR, "membership listener failed on epoch " + accepted.epoch(), failed);
            }
        }
        return Outcome.ACCEPTED;
    }
}
