package io.clearline.flows.runtime;

/**
 * Marks an exception as transient: the flow hospital retries the flow with backoff, up to its limit,
 * before it parks it. Implement it on exceptions that a later attempt can get past (a timeout, a
 * service that is restarting); never on a refusal or a bug.
 */
public interface TransientFlowException {
}
