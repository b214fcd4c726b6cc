package io.clearline.flows.settlement;

import io.clearline.flows.ledger.CommandData;

/** What a transaction does with a payment. */
public enum PaymentCommand implements CommandData {
    SETTLE("payment.settle"),
    /** Several payments of one currency settled together; each party pays or receives only its net. */
    SETTLE_NETTED("payment.settle-netted");

    private final String commandName;

    PaymentCommand(String commandName) {
        this.commandName = commandName;
    }

    @Override
    public String commandName() {
        return commandName;
    }
}
