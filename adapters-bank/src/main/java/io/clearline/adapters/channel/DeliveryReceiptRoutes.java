package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboxStore;
import java.util.Objects;
import org.apache.camel.builder.RouteBuilder;

/**
 * Records in the outbox store what each channel did with a message: taken by the bank's channel, or
 * kept by the dead letter channel. What is neither when the node stops is pushed again at its next
 * start, so a bank on a queue or a webhook loses nothing to a restart.
 */
public class DeliveryReceiptRoutes extends RouteBuilder {
    private final OutboxStore outbox;

    public DeliveryReceiptRoutes(OutboxStore outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public void configure() {
        from(OutboundDelivery.DELIVERED_ENDPOINT).routeId("iso20022-outbox-delivered")
                .process(exchange -> outbox.markDelivered(sequence(exchange)));
        from(OutboundDelivery.DEAD_LETTERED_ENDPOINT).routeId("iso20022-outbox-dead-lettered")
                .process(exchange -> outbox.markDeadLettered(sequence(exchange)));
    }

    private static long sequence(org.apache.camel.Exchange exchange) {
        Long sequence = exchange.getProperty(OutboundDelivery.SEQUENCE_PROPERTY, Long.class);
        if (sequence == null) {
            throw new IllegalStateException("a delivery receipt without the message's sequence");
        }
        return sequence;
    }
}
