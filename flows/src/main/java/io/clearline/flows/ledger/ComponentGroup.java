package io.clearline.flows.ledger;

/**
 * The component groups a transaction id is built from, one Merkle subtree each. The ordinal is the
 * group's position under the root and enters every component's salt: never reorder, only append.
 */
public enum ComponentGroup {
    INPUTS,
    OUTPUTS,
    /** Each command's name only, so that a notary can see who must sign without seeing what they agreed. */
    COMMANDS,
    NOTARY,
    TIME_WINDOW,
    /** One component per command: the keys that command requires, in command order. */
    SIGNERS;

    /** Groups are a fixed, small set; a bound makes the root's width a constant. */
    public static final int GROUPS_MAX = 16;

    static {
        if (values().length > GROUPS_MAX) {
            throw new IllegalStateException("more than " + GROUPS_MAX + " component groups");
        }
    }
}
