package io.clearline.flows.runtime;

/**
 * Nothing came on a session within the receive's timeout. Not transient: the timeout is journaled,
 * and a retry would replay it; the flow ends as FAILED, which releases its soft locks and tells the
 * counterparty.
 */
public final class FlowSessionTimeoutException extends FlowSessionException {
    public FlowSessionTimeoutException(String message) {
        super(message);
    }
}
