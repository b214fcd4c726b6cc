package io.clearline.core.lsm.api;

/** Who started a gridlock run. */
public enum GridlockRunTrigger {
    /** The node's schedule. */
    SCHEDULE,
    /** An operator, on demand. */
    OPERATOR
}
