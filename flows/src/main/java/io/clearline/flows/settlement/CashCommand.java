package io.clearline.flows.settlement;

import io.clearline.flows.ledger.CommandData;

/** What a transaction does with cash. */
public enum CashCommand implements CommandData {
    ISSUE("cash.issue"),
    MOVE("cash.move"),
    /** Cash goes back to its issuer against reserves: consumed, with change to its owner only. */
    REDEEM("cash.redeem");

    private final String commandName;

    CashCommand(String commandName) {
        this.commandName = commandName;
    }

    @Override
    public String commandName() {
        return commandName;
    }
}
