package io.clearline.ops.network;

import io.clearline.flows.network.MembershipFollower;
import io.clearline.flows.network.MembershipStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The membership list as operators watch it, read at each scrape: {@code clearline_network_membership_epoch}
 * (the epoch this node holds), {@code clearline_network_membership_list_age_seconds} (since this node stored
 * it: accepted it, or at the central bank published it) and, on a following node,
 * {@code clearline_network_membership_poll_age_seconds} (since the central bank's node last gave a good
 * answer, or since the follower started if it never did; the alert ClearlineMembershipStale watches it).
 * NaN where there is nothing to measure: no list held yet, or this node publishes and polls nobody.
 */
final class MembershipGauges {
    private final MembershipStore store;
    private final MembershipFollower follower;
    private final Clock clock;

    /** @param follower null on the central bank's node, which polls nobody */
    MembershipGauges(MeterRegistry registry, MembershipStore store, MembershipFollower follower, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.follower = follower;
        this.clock = Objects.requireNonNull(clock, "clock");
        Gauge.builder("clearline.network.membership.epoch", this, MembershipGauges::epoch)
                .description("The epoch of the membership list this node holds").register(registry);
        Gauge.builder("clearline.network.membership.list.age", this, MembershipGauges::listAgeSeconds)
                .baseUnit("seconds")
                .description("Seconds since this node stored the membership list it holds (accepted or published)")
                .register(registry);
        Gauge.builder("clearline.network.membership.poll.age", this, MembershipGauges::pollAgeSeconds)
                .baseUnit("seconds")
                .description("Seconds since the central bank's node last answered this follower with a list it "
                        + "took or held (since the follower started if never); NaN on the central bank's node")
                .register(registry);
    }

    private double epoch() {
        return store.latestEpoch().map(held -> (double) held.epoch()).orElse(Double.NaN);
    }

    private double listAgeSeconds() {
        return store.latestEpoch().map(held -> secondsSince(held.acceptedAt())).orElse(Double.NaN);
    }

    private double pollAgeSeconds() {
        return follower == null ? Double.NaN : secondsSince(follower.status().freshSince());
    }

    private double secondsSince(Instant then) {
        return Math.max(0, Duration.between(then, clock.instant()).toMillis()) / 1000.0;
    }
}
