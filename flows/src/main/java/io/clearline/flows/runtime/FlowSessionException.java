package io.clearline.flows.runtime;

/**
 * A session could not deliver what a flow waited for: the counterparty's flow failed (the message is
 * its own) or ended, or sent something that cannot be decoded. The flow hospital ends a flow that
 * lets it escape as FAILED: a replay would meet the same journaled outcome.
 */
public class FlowSessionException extends RuntimeException {
    public FlowSessionException(String message) {
        super(message);
    }
}
