package io.clearline.core.lsm.api;

/**
 * How far a gridlock run got.
 *
 * @param started null for a run recorded only once it ended (one that found nothing to settle, or any
 *                run recorded before runs were started durably)
 * @param decision null until the run is decided
 */
public record GridlockRunProgress(GridlockRunStartedEvent started, boolean submitted, GridlockRunDecision decision,
                                  boolean finished) {
}
