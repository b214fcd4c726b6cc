package io.clearline.adapters.outbound;

import java.util.Objects;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;

/**
 * Hands a message to a bank: it is stored in the bank's outbox (what {@code GET
 * /api/iso20022/outbox/{bic}} reads) and then written to the bank's outbox folder by the file route.
 * The store decides whether the message is new, so a replayed event never writes a second file.
 */
public class OutboundDelivery {
    /** The Camel endpoint that writes one outbound message to its recipient's folder. */
    public static final String FILE_DELIVERY_ENDPOINT = "direct:outbox-file";
    public static final String RECIPIENT_HEADER = "ClearlineRecipientBic";

    private final OutboxStore outbox;
    private final ProducerTemplate producer;

    public OutboundDelivery(OutboxStore outbox, ProducerTemplate producer) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    /** @return the stored message, or empty when a message with this key had already been delivered */
    public Optional<OutboundMessage> deliver(String recipientBic, String messageType, String messageKey, String xml) {
        Optional<OutboundMessage> added = outbox.add(recipientBic, messageType, messageKey, xml);
        added.ifPresent(message -> producer.sendBodyAndHeader(FILE_DELIVERY_ENDPOINT, message, RECIPIENT_HEADER,
                message.recipientBic()));
        return added;
    }
}
