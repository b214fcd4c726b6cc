package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Uetr;
import java.util.Objects;

/** A queued payment a gridlock run left queued, and why. */
public record StayQueued(Uetr uetr, StayQueuedReason reason) {
    public StayQueued {
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(reason, "reason");
    }
}
