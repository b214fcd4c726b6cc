package io.clearline.flows.ledger;

/** A transaction broke a contract rule; the message is the rule's sentence. */
public final class ContractViolationException extends RuntimeException {
    private final String rule;

    public ContractViolationException(String rule) {
        super("Failed requirement: " + rule);
        this.rule = rule;
    }

    /** The sentence of the rule that failed, exactly as the contract states it. */
    public String rule() {
        return rule;
    }
}
