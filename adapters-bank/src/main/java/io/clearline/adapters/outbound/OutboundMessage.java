package io.clearline.adapters.outbound;

import java.time.Instant;

/** One ISO 20022 message Clearline sends to a bank, in the order it was produced. */
public record OutboundMessage(long sequence, String recipientBic, String messageType, String messageKey, String xml,
                              Instant createdAt) {
}
