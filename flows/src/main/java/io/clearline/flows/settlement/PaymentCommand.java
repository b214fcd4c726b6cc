package io.clearline.flows.settlement;

import io.clearline.flows.ledger.CommandData;

/** What a transaction does with a payment. */
public enum PaymentCommand implements CommandData {
    SETTLE("payment.settle");

    private final String commandName;

    PaymentCommand(String commandName) {
        this.commandName = commandName;
    }

    @Override
    public String commandName() {
        return commandName;
    }
}
