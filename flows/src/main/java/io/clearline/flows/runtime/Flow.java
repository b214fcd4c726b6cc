package io.clearline.flows.runtime;

/**
 * A durable flow: ordinary blocking code that the {@link FlowRunner} may run more than once. After a
 * crash or a retry it runs again from the start, and every suspending call on its
 * {@link FlowContext} answers from the journal until the flow reaches a step it never took before.
 *
 * <p>WARNING: everything a flow does outside its context must give the same answer on every run
 * (pure computation, reads of data that only this flow changes, idempotent writes such as recording a
 * notarised transaction). Time, randomness, soft locks, and every call to a peer or a service go
 * through the context; a flow that reads the clock or a random number directly settles differently
 * on each run.
 *
 * <p>A flow is registered with the runner by a {@link FlowDefinition}, which serialises its arguments
 * into its checkpoint so that the flow can be rebuilt after a restart.
 *
 * @param <T> what the flow returns; the definition's result codec stores it in the checkpoint
 */
@FunctionalInterface
public interface Flow<T> {
    /**
     * Runs the flow. A business refusal it throws ends it as {@link FlowStatus#FAILED} if the runner's
     * hospital is told it is an outcome; a transient failure is retried; anything else parks it.
     */
    T call(FlowContext context) throws Exception;
}
