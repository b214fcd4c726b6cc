package io.clearline.flows.transport;

/** What an envelope carries on its session. */
public enum EnvelopeKind {
    /** Opens a session; its payload names the initiating flow class, whose registered responder the recipient starts. */
    INIT,
    /** A message of the flow's own. */
    DATA,
    /** The sender's flow failed; the payload is its error message, which the recipient's next receive throws. */
    ERROR,
    /** The sender's flow ended; the recipient's receives on the session fail from here on. */
    END,
    /**
     * A message of the flow's own that is also its last: the flow ended after sending it. The recipient
     * stores it as a DATA and the END that follows it, in one transaction.
     */
    LAST,
    /** The recipient has stored the envelope with this session, recipient party and sequence number: stop resending it. */
    ACK
}
