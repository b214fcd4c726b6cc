package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound dead letter channel: a message that could not be delivered to a bank's webhook or queue
 * is written, exactly as it was produced, to {@code <data>/banks/<BIC>/dead-letter} beside a
 * {@code .reason} file, and one log line says so without the body. The message is still in the
 * outbox store, so the bank can read it with {@code GET /api/iso20022/outbox/{bic}} meanwhile.
 */
public class DeadLetterChannelRoutes extends RouteBuilder {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterChannelRoutes.class);

    @Override
    public void configure() {
        from(OutboundDelivery.DEAD_LETTER_ENDPOINT).routeId("iso20022-outbox-dead-letter")
                .process(this::keepOriginal)
                .to("{{clearline.channel.dead-letter-uri}}")
                .process(exchange -> {
                    String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
                    exchange.getIn().setHeader(Exchange.FILE_NAME, name + ".reason");
                    exchange.getIn().setBody(faultSummary(exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                            Throwable.class)) + "\n");
                })
                .to("{{clearline.channel.dead-letter-uri}}")
                .to(OutboundDelivery.DEAD_LETTERED_ENDPOINT);
    }

    private void keepOriginal(Exchange exchange) {
        OutboundMessage message = exchange.getIn().getBody(OutboundMessage.class);
        String name = message.recipientBic() + "/dead-letter/" + String.format("%012d", message.sequence()) + "-"
                + message.messageType() + ".xml";
        log.warn("Message {} ({}, key {}) could not be delivered to {} from {}: {}. It is kept in {} and in the"
                        + " bank's outbox store", message.sequence(), message.messageType(), message.messageKey(),
                message.recipientBic(), failedAt(exchange),
                faultSummary(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)), name);
        exchange.getIn().setHeader(Exchange.FILE_NAME, name);
        exchange.setProperty(OutboundDelivery.SEQUENCE_PROPERTY, message.sequence());
        exchange.getIn().setBody(message.xml());
    }

    private static String failedAt(Exchange exchange) {
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        return route != null ? route
                : exchange.getProperty(Exchange.FAILURE_ENDPOINT, "an unknown route", String.class);
    }

    /**
     * What went wrong, in words safe for a log: an HTTP failure is told by its status alone, since its message
     * names the webhook's URL, which may carry a token.
     */
    static String faultSummary(Throwable fault) {
        if (fault == null) {
            return "no fault recorded";
        }
        if (fault instanceof HttpOperationFailedException failed) {
            return "the webhook answered HTTP " + failed.getStatusCode();
        }
        return fault.getClass().getSimpleName() + ": " + fault.getMessage();
    }
}
