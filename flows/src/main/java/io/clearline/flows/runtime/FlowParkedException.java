package io.clearline.flows.runtime;

/**
 * The flow is parked and waits for an operator, who may {@link FlowRunner#retry retry} it from its
 * journal or {@link FlowRunner#kill kill} it. The cause, when known, is what parked it.
 */
public final class FlowParkedException extends RuntimeException {
    private final String flowId;

    public FlowParkedException(String flowId, String why, Throwable cause) {
        super("flow " + flowId + " is parked for an operator: " + why, cause);
        this.flowId = flowId;
    }

    public String flowId() {
        return flowId;
    }
}
