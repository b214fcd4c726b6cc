package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.OutboundDelivery;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error policy every channel route shares. A fault (not a refusal: refusals are answers) on
 * the HTTP channel becomes a 500 problem without the message body in any log; on the folder
 * channel the file is retried a fixed number of times and then moved to the bank's error folder
 * by the consumer's {@code moveFailed}; on the AMQP channel the message is retried and then kept,
 * as it arrived, in the bank's dead-letter queue. A delivery to a bank's webhook or queue is retried
 * with exponential backoff and then kept, as it was produced, by the outbound dead letter channel.
 */
public class ChannelErrorPolicy extends RouteConfigurationBuilder {
    public static final String HTTP = "http-channel-errors";
    public static final String FILE = "file-channel-errors";
    public static final String AMQP = "amqp-channel-errors";
    public static final String DELIVERY = "outbound-delivery-errors";
    /** Redelivery is off by default in Camel; a file is tried this many extra times before it fails. */
    public static final int FILE_REDELIVERIES_MAX = 2;
    public static final long FILE_REDELIVERY_DELAY_MILLIS = 500;
    /** An inbound AMQP message is tried this many extra times before it goes to the bank's dead-letter queue. */
    public static final int AMQP_REDELIVERIES_MAX = 2;
    public static final long AMQP_REDELIVERY_DELAY_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(ChannelErrorPolicy.class);

    private final DeliveryRetries deliveryRetries;

    public ChannelErrorPolicy() {
        this(DeliveryRetries.defaults());
    }

    public ChannelErrorPolicy(DeliveryRetries deliveryRetries) {
        this.deliveryRetries = Objects.requireNonNull(deliveryRetries, "deliveryRetries");
    }

    @Override
    public void configuration() {
        routeConfiguration(HTTP).onException(Exception.class).handled(true)
                .process(exchange -> {
                    Exception fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    log.error("HTTP channel fault on route {}", exchange.getFromRouteId(), fault);
                    HttpChannelRoutes.problem(exchange, 500, "Internal fault",
                            "The message could not be processed; nothing was settled. Resend it: it is idempotent"
                                    + " on its UETR", null);
                });
        routeConfiguration(FILE).onException(Exception.class).handled(false)
                .maximumRedeliveries(FILE_REDELIVERIES_MAX)
                .redeliveryDelay(FILE_REDELIVERY_DELAY_MILLIS)
                .logExhaustedMessageBody(false)
                .logExhaustedMessageHistory(false);
        // If the dead-letter queue cannot be reached either, the exchange fails and the broker dead-letters the
        // message itself (the inbound queue names the dead-letter queue), so nothing is lost.
        routeConfiguration(AMQP).errorHandler(deadLetterChannel(AmqpChannelRoutes.INBOUND_DEAD_LETTER_ENDPOINT)
                .deadLetterHandleNewException(false)
                .useOriginalMessage()
                .maximumRedeliveries(AMQP_REDELIVERIES_MAX)
                .redeliveryDelay(AMQP_REDELIVERY_DELAY_MILLIS)
                .logExhaustedMessageBody(false)
                .logExhaustedMessageHistory(false));
        // Redeliveries wait off the consumer thread, so one bank's dead webhook does not hold up the others.
        routeConfiguration(DELIVERY).errorHandler(deadLetterChannel(OutboundDelivery.DEAD_LETTER_ENDPOINT)
                .useOriginalMessage()
                .maximumRedeliveries(deliveryRetries.redeliveriesMax())
                .redeliveryDelay(deliveryRetries.firstDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(DeliveryRetries.BACK_OFF_MULTIPLIER)
                .maximumRedeliveryDelay(deliveryRetries.delayMax().toMillis())
                .asyncDelayedRedelivery()
                .logExhaustedMessageBody(false)
                .logExhaustedMessageHistory(false));
    }
}
