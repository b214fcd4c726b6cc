package io.clearline.iso20022;

import java.util.Objects;

/** The outcome of reading one inbound message: accepted and mapped, or rejected with a reason. */
public sealed interface InboundResult {

  /**
   * The message passed every check; its transactions are ready to act on. Switch over
   * {@link InboundMessage} for its kind.
   */
  record Accepted(InboundMessage message) implements InboundResult {
    public Accepted {
      Objects.requireNonNull(message, "message");
    }
  }

  /** The message was refused; nothing of it may be acted on. */
  record Rejected(Rejection rejection) implements InboundResult {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }
}
