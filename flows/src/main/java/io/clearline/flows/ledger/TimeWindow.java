package io.clearline.flows.ledger;

import java.time.Instant;
import java.util.Optional;

/** When the notary may notarise a transaction: from (inclusive) until (exclusive); either may be open. */
public record TimeWindow(Instant fromTime, Instant untilTime) {
    public TimeWindow {
        if (fromTime == null && untilTime == null) {
            throw new IllegalArgumentException("a time window is bounded on at least one side");
        }
        if (fromTime != null && untilTime != null && !fromTime.isBefore(untilTime)) {
            throw new IllegalArgumentException("a time window starts before it ends");
        }
    }

    public static TimeWindow until(Instant untilTime) {
        return new TimeWindow(null, untilTime);
    }

    public boolean contains(Instant instant) {
        return (fromTime == null || !instant.isBefore(fromTime)) && (untilTime == null || instant.isBefore(untilTime));
    }

    public Optional<Instant> from() {
        return Optional.ofNullable(fromTime);
    }

    public Optional<Instant> until() {
        return Optional.ofNullable(untilTime);
    }
}
