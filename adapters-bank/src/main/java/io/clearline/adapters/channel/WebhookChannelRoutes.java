package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.BankDelivery;
import io.clearline.adapters.outbound.DeliveryChannel;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessage;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;

/**
 * The webhook channel: each outbound message for a bank that asked for webhook delivery is posted as
 * {@code application/xml} to its URL. Any answer but 2xx, or none in time, is a failure: the shared
 * {@link ChannelErrorPolicy#DELIVERY} policy retries with exponential backoff and then hands the
 * message to the dead letter channel. A bank's server should treat {@value #MESSAGE_KEY_HEADER} as
 * an idempotency key: a post that timed out may have arrived, and is sent again.
 */
public class WebhookChannelRoutes extends RouteBuilder {
    /** The message's key, unique per bank (for example {@code pacs.002:<UETR>}). */
    public static final String MESSAGE_KEY_HEADER = "Clearline-Message-Key";
    /** The message's position in the bank's outbox, as {@code GET /api/iso20022/outbox/{bic}?after=} counts it. */
    public static final String SEQUENCE_HEADER = "Clearline-Message-Sequence";
    public static final String MESSAGE_TYPE_HEADER = "Clearline-Message-Type";

    private final BankDeliveries deliveries;

    public WebhookChannelRoutes(BankDeliveries deliveries) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    @Override
    public void configure() {
        // The error policy's retries are the only ones, so their named limit holds: the HTTP client would otherwise
        // repeat a post on its own (a 503 once more, for instance) inside every attempt.
        getContext().getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        from(OutboundDelivery.WEBHOOK_DELIVERY_ENDPOINT).routeId("iso20022-webhook-outbox")
                .routeConfigurationId(ChannelErrorPolicy.DELIVERY)
                .process(this::toRequest)
                .to("{{clearline.channel.webhook.delivery-uri}}")
                .to(OutboundDelivery.DELIVERED_ENDPOINT);
    }

    private void toRequest(Exchange exchange) {
        OutboundMessage message = exchange.getIn().getBody(OutboundMessage.class);
        exchange.setProperty(OutboundDelivery.SEQUENCE_PROPERTY, message.sequence());
        BankDelivery delivery = deliveries.of(message.recipientBic());
        if (delivery.channel() != DeliveryChannel.WEBHOOK) {
            throw new IllegalStateException("bank " + message.recipientBic() + " delivers to its " + delivery.channel()
                    + ", not a webhook");
        }
        // Only what is set here reaches the bank: Camel would otherwise send its own headers along.
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_URI, delivery.webhookUrl().toString());
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/xml; charset=UTF-8");
        exchange.getIn().setHeader(MESSAGE_KEY_HEADER, message.messageKey());
        exchange.getIn().setHeader(SEQUENCE_HEADER, message.sequence());
        exchange.getIn().setHeader(MESSAGE_TYPE_HEADER, message.messageType());
        exchange.getIn().setBody(message.xml());
    }
}
