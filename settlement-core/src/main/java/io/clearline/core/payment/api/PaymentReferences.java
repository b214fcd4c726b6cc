package io.clearline.core.payment.api;

import java.util.Objects;

/**
 * The sender's own references, carried so that every answer can quote them back (pacs.002 names
 * the original message id and end-to-end id). The core reads one thing from them: whether the
 * payment is a customer credit transfer, which the business day's customer cut-off applies to.
 */
public record PaymentReferences(String messageId, String messageDefinition, String instructionId, String endToEndId) {
    public PaymentReferences {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageDefinition, "messageDefinition");
        Objects.requireNonNull(endToEndId, "endToEndId");
    }

    /**
     * A customer credit transfer (pacs.008) stops at the customer cut-off; interbank transfers (pacs.009),
     * returns (pacs.004) and the rest are taken until the interbank cut-off.
     */
    public boolean customerPayment() {
        return messageDefinition.startsWith("pacs.008");
    }
}
