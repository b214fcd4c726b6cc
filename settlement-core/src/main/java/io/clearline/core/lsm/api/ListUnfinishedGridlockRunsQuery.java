package io.clearline.core.lsm.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Gridlock runs started before {@code startedBefore} and not yet recorded as ended, oldest first, at
 * most {@code limit} of them. Answered with a list of {@link GridlockRunStartedEvent}.
 */
public record ListUnfinishedGridlockRunsQuery(Instant startedBefore, int limit) {
    public ListUnfinishedGridlockRunsQuery {
        Objects.requireNonNull(startedBefore, "startedBefore");
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, not " + limit);
        }
    }
}
