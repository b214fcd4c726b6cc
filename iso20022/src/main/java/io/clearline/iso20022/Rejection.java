package io.clearline.iso20022;

import java.util.Objects;

/**
 * Why an inbound message was refused: one ISO 20022 status reason code and an explanation a
 * bank's operator can act on.
 *
 * @param reasonCode the ISO external status reason code, see {@link ReasonCode}
 * @param explanation what was wrong, naming the field and value; never contains the whole body
 * @param messageId the message's MsgId, or null when it could not be read
 * @param messageDefinition e.g. {@code pacs.008.001.08}, or null when unknown
 */
public record Rejection(
    String reasonCode, String explanation, String messageId, String messageDefinition) {

  public Rejection {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(explanation, "explanation");
  }
}
