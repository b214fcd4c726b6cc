package io.clearline.ops.network;

import io.clearline.flows.network.MembershipFollower;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.network.MembershipStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code membership} component of the health endpoint: the epoch this node holds and, on a following
 * node, how stale it is. It is not in the readiness group: a node keeps settling on the list it holds
 * while the central bank's node is briefly unreachable, so taking it out of traffic would only add an
 * outage. It goes down on a follower that has heard no good answer for longer than
 * {@code clearline.network.membership.follow.stale-after}, or whose last poll refused the list offered
 * (signed by a key other than the pinned root, say), and says which and since when.
 */
final class MembershipHealthIndicator implements HealthIndicator {
    private final String mode;
    private final MembershipStore store;
    private final MembershipFollower follower;
    private final MembershipFollowingConfiguration.FollowSettings followSettings;
    private final MembershipPublisher publisher;
    private final Clock clock;

    /** {@code follower} and {@code followSettings} on a following node, {@code publisher} on the central bank's; null otherwise. */
    MembershipHealthIndicator(String mode, MembershipStore store, MembershipFollower follower,
                              MembershipFollowingConfiguration.FollowSettings followSettings,
                              MembershipPublisher publisher, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.store = Objects.requireNonNull(store, "store");
        this.follower = follower;
        this.followSettings = follower == null ? null : Objects.requireNonNull(followSettings, "followSettings");
        this.publisher = publisher;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Health.Builder health = Health.up().withDetail("mode", mode);
        Optional<MembershipStore.HeldEpoch> held = store.latestEpoch();
        health.withDetail("epoch", held.map(epoch -> (Object) epoch.epoch()).orElse("none"));
        held.ifPresent(epoch -> health.withDetail("listStoredAt", epoch.acceptedAt().toString())
                .withDetail("listAgeSeconds", secondsBetween(epoch.acceptedAt(), now)));
        if (publisher != null) {
            health.withDetail("networkRoot", publisher.networkRoot().publicKey().base64());
        }
        if (follower != null) {
            following(health, follower.status(), now);
        }
        return health.build();
    }

    private void following(Health.Builder health, MembershipFollower.Status status, Instant now) {
        Duration sinceFresh = Duration.between(status.freshSince(), now);
        boolean stale = sinceFresh.compareTo(followSettings.staleAfter()) > 0;
        health.withDetail("source", followSettings.url().toString())
                .withDetail("pinnedNetworkRoot", followSettings.networkRoot().base64())
                .withDetail("lastSuccessfulPollAt", status.lastSuccessAt() == null ? "never"
                        : status.lastSuccessAt().toString())
                .withDetail("secondsSinceSuccessfulPoll", secondsBetween(status.freshSince(), now))
                .withDetail("staleAfterSeconds", followSettings.staleAfter().toSeconds())
                .withDetail("stale", stale)
                .withDetail("lastOutcome", status.lastOutcome() == null ? "none" : status.lastOutcome().name())
                .withDetail("consecutiveFailures", status.consecutiveFailures());
        if (status.lastProblem() != null) {
            health.withDetail("lastProblem", status.lastProblem());
        }
        if (status.refusal() != null) {
            health.down().withDetail("state", "REFUSING").withDetail("refusal", status.refusal().name());
        } else if (stale) {
            health.down().withDetail("state", "STALE");
        } else {
            health.withDetail("state", status.lastSuccessAt() == null ? "WAITING" : "FOLLOWING");
        }
    }

    private static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
