package io.clearline.flows.runtime;

/**
 * The counterparty's side of a session, registered with {@link FlowRunner#registerResponder} for an
 * initiating flow class. The first message of a session starts it as a durable flow of its own, under
 * an id derived from the session, so a duplicate of that message starts nothing twice; it runs with
 * its own journal and is resumed after a crash like any flow.
 *
 * <p>WARNING: what the initiator sends is its word, not a fact: run your own checks before acting on
 * it (a responder never signs without them).
 */
@FunctionalInterface
public interface Responder {
    void respond(FlowContext context, FlowSession session) throws Exception;
}
