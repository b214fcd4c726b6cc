package io.clearline.flows.runtime;

/**
 * A flow id is an idempotency key: starting it again with other arguments, or another class of
 * flow, while its first run is unfinished or completed is refused.
 */
public final class FlowIdReusedException extends RuntimeException {
    private final String flowId;

    public FlowIdReusedException(String flowId, String explanation) {
        super("flow id " + flowId + " is taken: " + explanation);
        this.flowId = flowId;
    }

    public String flowId() {
        return flowId;
    }
}
