package io.clearline.core.lsm.api;

/** Which algorithm produced a gridlock resolution, recorded so every run can be explained. */
public enum ResolutionAlgorithm {
    /** Start from every queued, not held payment; remove each short or over-limit payer's last one. */
    FIFO_REMOVAL,
    /** Optimising mode on a small queue: an exact branch-and-bound search for the most value. */
    EXACT_BRANCH_AND_BOUND,
    /** Optimising mode on a large queue: the FIFO result, then the largest payments that still fit. */
    FIFO_THEN_GREEDY_ADDITION
}
