package io.clearline.core.payment.api;

import java.util.Objects;

/**
 * The sender's own references, carried so that every answer can quote them back (pacs.002 names
 * the original message id and end-to-end id). The core never interprets them.
 */
public record PaymentReferences(String messageId, String messageDefinition, String instructionId, String endToEndId) {
    public PaymentReferences {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageDefinition, "messageDefinition");
        Objects.requireNonNull(endToEndId, "endToEndId");
    }
}
