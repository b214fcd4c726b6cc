package io.clearline.core.lsm.api;

/**
 * The most recent gridlock runs, newest first, at most {@code limit} of them (and never more than the
 * projection keeps). Answered with a list of {@link GridlockRunRecordedEvent}.
 */
public record ListGridlockRunsQuery(int limit) {
    public ListGridlockRunsQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, not " + limit);
        }
    }
}
