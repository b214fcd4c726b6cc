package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.Ed25519;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MembershipFollowerTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration BACKOFF_MAX = Duration.ofMillis(100);

    private final NetworkTesting network = new NetworkTesting();
    private final MembershipStore store = new MembershipStore(NetworkTesting.jdbc(),
            Clock.fixed(NetworkTesting.T0, ZoneOffset.UTC));
    private volatile Optional<SignedMembershipList> offered = Optional.empty();
    private volatile boolean reachable = true;
    private final MembershipSource source = () -> {
        if (!reachable) {
            throw new UncheckedIOException(new java.io.IOException("connection refused"));
        }
        return offered;
    };
    private final List<Long> told = new CopyOnWriteArrayList<>();
    private final MembershipFollower follower = new MembershipFollower(source, network.verifier(), store,
            new MembershipFollower.Settings(INTERVAL, BACKOFF_MAX)).addListener(list -> told.add(list.epoch()));

    @Test
    void appliesANewerListAndTellsTheListeners() {
        offered = Optional.of(network.signed(network.list(1)));
        follower.pollOnce();
        offered = Optional.of(network.signed(network.list(2, NetworkTesting.bank("ALPHEUAAXXX"))));

        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.ACCEPTED);
        assertThat(told).containsExactly(1L, 2L);
        assertThat(MembershipList.fromCanonicalBytes(store.latest().orElseThrow().canonicalBytes()).epoch()).isEqualTo(2);
    }

    @Test
    void theListItHoldsChangesNothing() {
        offered = Optional.of(network.signed(network.list(1)));
        follower.pollOnce();

        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.UNCHANGED);
        assertThat(told).containsExactly(1L);
    }

    @Test
    void aSourceThatHasPublishedNothingChangesNothing() {
        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.UNCHANGED);
        assertThat(store.latest()).isEmpty();
    }

    @Test
    void aListSignedByAnotherKeyIsRefusedAndNotApplied() {
        offered = Optional.of(NetworkTesting.signedBy(Ed25519.generate(), network.list(1).canonicalBytes()));

        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.REFUSED);
        assertThat(store.latest()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void anOlderListIsRefusedAndTheHeldOneStays() {
        offered = Optional.of(network.signed(network.list(3)));
        follower.pollOnce();
        offered = Optional.of(network.signed(network.list(2)));

        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.REFUSED);
        assertThat(told).containsExactly(3L);
    }

    @Test
    void backsOffDoublingUpToTheLimitWhileTheSourceIsUnreachable() {
        reachable = false;
        assertThat(follower.nextDelay()).isEqualTo(INTERVAL);

        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.UNAVAILABLE);
        assertThat(follower.nextDelay()).isEqualTo(Duration.ofMillis(40));
        follower.pollOnce();
        assertThat(follower.nextDelay()).isEqualTo(Duration.ofMillis(80));
        follower.pollOnce();
        assertThat(follower.nextDelay()).isEqualTo(BACKOFF_MAX);
        for (int poll = 0; poll < 100; poll++) {
            follower.pollOnce();
        }
        assertThat(follower.nextDelay()).isEqualTo(BACKOFF_MAX);
    }

    @Test
    void returnsToTheIntervalAfterTheFirstSuccess() {
        reachable = false;
        follower.pollOnce();
        follower.pollOnce();
        reachable = true;

        follower.pollOnce();

        assertThat(follower.nextDelay()).isEqualTo(INTERVAL);
    }

    @Test
    void aFailingListenerDoesNotHideTheListFromTheOthers() {
        List<Long> second = new CopyOnWriteArrayList<>();
        follower.addListener(list -> {
            throw new IllegalStateException("listener bug");
        }).addListener(list -> second.add(list.epoch()));
        offered = Optional.of(network.signed(network.list(1)));

        assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.ACCEPTED);
        assertThat(second).containsExactly(1L);
    }

    @Test
    void onScheduleItFollowsChangesAfterTheSourceComesBack() throws InterruptedException {
        CountDownLatch epochTwo = new CountDownLatch(1);
        follower.addListener(list -> {
            if (list.epoch() == 2) {
                epochTwo.countDown();
            }
        });
        reachable = false;
        offered = Optional.of(network.signed(network.list(2)));
        try (follower) {
            follower.start();
            Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
            reachable = true;

            assertThat(epochTwo.await(10, TimeUnit.SECONDS)).as("epoch 2 applied on schedule").isTrue();
        }
    }

    @Test
    void itsStatusSaysWhenTheSourceLastAnsweredAndWhyTheLatestPollFailed() {
        MembershipFollower timed = new MembershipFollower(source, network.verifier(), store,
                new MembershipFollower.Settings(INTERVAL, BACKOFF_MAX), Clock.systemUTC());
        assertThat(timed.status().lastPollAt()).as("before the first poll").isNull();
        assertThat(timed.status().freshSince()).as("fresh since its start").isEqualTo(timed.status().startedAt());

        offered = Optional.of(network.signed(network.list(4)));
        timed.pollOnce();
        MembershipFollower.Status accepted = timed.status();
        assertThat(accepted.lastOutcome()).isEqualTo(MembershipFollower.Outcome.ACCEPTED);
        assertThat(accepted.lastAcceptedEpoch()).isEqualTo(4L);
        assertThat(accepted.lastSuccessAt()).isEqualTo(accepted.lastPollAt()).isEqualTo(accepted.lastAcceptedAt());

        offered = Optional.of(NetworkTesting.signedBy(Ed25519.generate(), network.list(5).canonicalBytes()));
        timed.pollOnce();
        MembershipFollower.Status refused = timed.status();
        assertThat(refused.refusal()).isEqualTo(MembershipRefusedException.Reason.UNKNOWN_SIGNER);
        assertThat(refused.lastProblem()).contains("not by the network root");
        assertThat(refused.freshSince()).as("the last success, not the refused poll")
                .isEqualTo(accepted.lastSuccessAt());
        assertThat(refused.lastAcceptedEpoch()).as("the list it holds").isEqualTo(4L);

        reachable = false;
        timed.pollOnce();
        assertThat(timed.status().lastProblem()).contains("connection refused");
        assertThat(timed.status().refusal()).isNull();
        assertThat(timed.status().consecutiveFailures()).isEqualTo(2);

        reachable = true;
        offered = Optional.of(network.signed(network.list(4)));
        assertThat(timed.pollOnce()).isEqualTo(MembershipFollower.Outcome.UNCHANGED);
        assertThat(timed.status().lastProblem()).isNull();
        assertThat(timed.status().consecutiveFailures()).isZero();
        assertThat(timed.status().freshSince()).isEqualTo(timed.status().lastPollAt())
                .isAfterOrEqualTo(accepted.lastSuccessAt());
    }
}
