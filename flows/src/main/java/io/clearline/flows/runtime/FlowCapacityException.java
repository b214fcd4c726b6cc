package io.clearline.flows.runtime;

/** No room for another flow: {@link FlowRunner.Limits#flowsRunningMax()} were running for the whole start wait. */
public final class FlowCapacityException extends RuntimeException implements TransientFlowException {
    public FlowCapacityException(String message) {
        super(message);
    }
}
