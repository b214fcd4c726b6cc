package io.clearline.flows.runtime;

/** An operator killed the flow; it stopped at its next suspending call. */
public final class FlowKilledException extends RuntimeException {
    private final String flowId;

    public FlowKilledException(String flowId, String reason) {
        super("flow " + flowId + " was killed: " + reason);
        this.flowId = flowId;
    }

    public String flowId() {
        return flowId;
    }
}
