package io.clearline.flows.ledger;

/** Contract rules as sentences: {@code require("Move has inputs", !tx.inputs().isEmpty())}. */
public final class Requirements {
    private Requirements() {
    }

    public static void require(String rule, boolean holds) {
        if (!holds) {
            throw new ContractViolationException(rule);
        }
    }
}
