package io.clearline.flows.runtime;

import java.time.Instant;

/**
 * A flow's checkpoint as operators see it (never its arguments or journal, which may carry business
 * data). {@code attempts} counts the runs under this id: the first, each hospital retry, each resume
 * after a crash and each operator retry. {@code lastError} is the last failure, or why it was killed.
 */
public record FlowSummary(String flowId, String flowClass, FlowStatus status, int attempts, String lastError,
                          Instant createdAt, Instant updatedAt) {
}
