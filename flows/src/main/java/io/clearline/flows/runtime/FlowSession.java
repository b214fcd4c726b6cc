package io.clearline.flows.runtime;

import java.time.Duration;

/**
 * A conversation between this flow and one flow at a counterparty: {@link FlowContext#initiateFlow}
 * opens one, and the counterparty's node starts the responder registered for the initiating flow
 * class, which gets the other end. Every call is a suspending call of the flow, journaled as one step.
 *
 * <p>Messages arrive in the order they were sent, each exactly once, whatever the transport does:
 * each side numbers what it sends, the recipient's inbox drops duplicates and holds a message until
 * its predecessors arrived, and the sender's outbox resends until the recipient acknowledges.
 *
 * <p>A receive ends in one of four ways: the message, decoded and validated; a
 * {@link FlowSessionException} if the counterparty's flow failed (with its message) or ended; a
 * {@link FlowSessionTimeoutException} if nothing came in time. Which one is journaled, so a replay
 * ends the same way. The flow hospital ends a flow that lets one of these escape as FAILED, which
 * tells the counterparty in turn.
 *
 * <p>WARNING: a received message is the counterparty's word. The validator is where the flow checks
 * it; never act on a message before it is checked.
 */
public interface FlowSession {
    /** Checks a received message; throws (anything) to refuse it, which fails the receive. */
    @FunctionalInterface
    interface Validator<T> {
        void validate(T received);
    }

    String sessionId();

    /** The party this side speaks for. */
    String localParty();

    /** The party at the other end. */
    String counterparty();

    /** Sends {@code message}; it reaches the counterparty once this flow's next step is journaled, or it ends. */
    <T> void send(FlowCodec<T> codec, T message);

    /**
     * Waits up to {@code timeout} (at most {@link FlowMessaging#RECEIVE_TIMEOUT_MAX}) for the next
     * message, decodes it and has {@code validator} check it.
     *
     * @throws FlowSessionTimeoutException if nothing came in time
     * @throws FlowSessionException if the counterparty failed or ended, or the message cannot be decoded
     */
    <T> T receive(FlowCodec<T> codec, Duration timeout, Validator<T> validator) throws InterruptedException;

    /** {@link #send}, then {@link #receive}. */
    default <S, R> R sendAndReceive(FlowCodec<S> sendCodec, S message, FlowCodec<R> receiveCodec, Duration timeout,
                                    Validator<R> validator) throws InterruptedException {
        send(sendCodec, message);
        return receive(receiveCodec, timeout, validator);
    }
}
