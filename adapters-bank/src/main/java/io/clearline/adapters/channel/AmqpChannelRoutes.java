package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.DeliveryChannel;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessage;
import io.clearline.core.common.api.Bic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;
import org.springframework.retry.policy.NeverRetryPolicy;

/**
 * The message broker channel: per-bank AMQP queues (see {@link AmqpQueues}). A message a bank
 * publishes to its inbound queue goes through the same {@link InboundMessageService} as the HTTP and
 * folder channels, bound to that bank as its credentials or folder would be (so the instructing agent
 * must still be that bank). A refused message is answered with a pacs.002 RJCT like any other, and is
 * kept as it arrived in the bank's dead-letter queue, with the ISO reason in its headers; so is a
 * message the node failed on after its retries. Clearline's messages for a bank that chose queue
 * delivery are published to its outbound queue.
 */
public class AmqpChannelRoutes extends RouteBuilder {
    /** Keeps an inbound AMQP message, as it arrived, in its bank's dead-letter queue. */
    public static final String INBOUND_DEAD_LETTER_ENDPOINT = "direct:amqp-inbound-dead-letter";
    /** The ISO reason code (or {@code FAULT}) on a dead-lettered message. */
    public static final String REASON_CODE_HEADER = "Clearline-Reason-Code";
    /** Why a message was dead-lettered, in words; never the message itself. */
    public static final String REASON_HEADER = "Clearline-Reason";
    private static final String CHANNEL_BIC_PROPERTY = "ClearlineChannelBic";
    private static final String REFUSED_PROPERTY = "ClearlineRefused";
    private static final Logger log = LoggerFactory.getLogger(AmqpChannelRoutes.class);

    private final InboundMessageService inbound;
    private final List<String> inboundBanks;
    private final BankDeliveries deliveries;
    private final int sizeMaxBytes;

    /** @param inboundBanks the banks whose inbound queue this node reads */
    public AmqpChannelRoutes(InboundMessageService inbound, List<String> inboundBanks, BankDeliveries deliveries,
                             int sizeMaxBytes) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.inboundBanks = List.copyOf(inboundBanks);
        // A mistyped BIC would name a queue nobody publishes to; refuse it at start instead.
        this.inboundBanks.forEach(Bic::of);
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.sizeMaxBytes = sizeMaxBytes;
    }

    @Override
    public void configure() {
        for (String bic : inboundBanks) {
            from(inboundEndpoint(bic)).routeId("iso20022-amqp-inbound-" + bic)
                    .routeConfigurationId(ChannelErrorPolicy.AMQP)
                    .setProperty(CHANNEL_BIC_PROPERTY, constant(bic))
                    .process(this::receive)
                    .filter(exchangeProperty(REFUSED_PROPERTY).isEqualTo(true))
                        .to(INBOUND_DEAD_LETTER_ENDPOINT)
                    .end();
        }
        from(INBOUND_DEAD_LETTER_ENDPOINT).routeId("iso20022-amqp-dead-letter")
                .process(this::toDeadLetterQueue)
                .to("{{clearline.channel.amqp.dead-letter-uri}}");
        from(OutboundDelivery.QUEUE_DELIVERY_ENDPOINT).routeId("iso20022-amqp-outbox")
                .routeConfigurationId(ChannelErrorPolicy.DELIVERY)
                .process(this::toOutboundQueue)
                .to("{{clearline.channel.amqp.outbound-uri}}")
                .to(OutboundDelivery.DELIVERED_ENDPOINT);
    }

    /**
     * The configured consumer endpoint on the bank's inbound queue. If a message can be neither processed nor
     * kept by this route, the listener rejects it and the broker moves it to the dead-letter queue; the
     * listener's own recoverer would log part of the body, so this one logs the queue and the fault alone.
     */
    private SpringRabbitMQEndpoint inboundEndpoint(String bic) {
        String uri = getContext().resolvePropertyPlaceholders("{{clearline.channel.amqp.inbound-uri}}");
        SpringRabbitMQEndpoint endpoint = getContext().getEndpoint(uri + (uri.contains("?") ? "&" : "?")
                + "queues=" + AmqpQueues.inbound(bic), SpringRabbitMQEndpoint.class);
        RetryOperationsInterceptor rejectWithoutBody = RetryInterceptorBuilder.stateless()
                .retryPolicy(new NeverRetryPolicy())
                .recoverer((message, cause) -> {
                    log.error("A message on {} could be neither processed nor kept; the broker dead-letters it: {}",
                            AmqpQueues.inbound(bic), DeadLetterChannelRoutes.faultSummary(cause));
                    throw new AmqpRejectAndDontRequeueException("rejected to the dead-letter queue", cause);
                }).build();
        endpoint.setRetry(rejectWithoutBody);
        return endpoint;
    }

    private void receive(Exchange exchange) {
        String bic = exchange.getProperty(CHANNEL_BIC_PROPERTY, String.class);
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        InboundAnswer answer = body.length > sizeMaxBytes ? inbound.refuseOversized(bic, body.length, sizeMaxBytes)
                : inbound.receive(body, bic);
        if (answer instanceof InboundAnswer.Refused refused) {
            if (refused.problem() == InboundAnswer.Problem.CORE_UNAVAILABLE) {
                // Not the message's fault: retried by the error policy, and kept in the dead-letter queue if the
                // core stays away.
                throw new IllegalStateException(refused.explanation());
            }
            exchange.setProperty(REFUSED_PROPERTY, true);
            exchange.getIn().setHeader(REASON_CODE_HEADER, refused.reasonCode());
            exchange.getIn().setHeader(REASON_HEADER, refused.explanation());
        }
    }

    private void toDeadLetterQueue(Exchange exchange) {
        String bic = exchange.getProperty(CHANNEL_BIC_PROPERTY, String.class);
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (fault != null) {
            exchange.getIn().setHeader(REASON_CODE_HEADER, "FAULT");
            exchange.getIn().setHeader(REASON_HEADER, DeadLetterChannelRoutes.faultSummary(fault));
            log.warn("A message on {} failed after {} redeliveries and is kept in {}: {}", AmqpQueues.inbound(bic),
                    ChannelErrorPolicy.AMQP_REDELIVERIES_MAX, AmqpQueues.deadLetter(bic),
                    DeadLetterChannelRoutes.faultSummary(fault));
        }
        exchange.getIn().setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, AmqpQueues.deadLetter(bic));
    }

    private void toOutboundQueue(Exchange exchange) {
        OutboundMessage message = exchange.getIn().getBody(OutboundMessage.class);
        exchange.setProperty(OutboundDelivery.SEQUENCE_PROPERTY, message.sequence());
        DeliveryChannel channel = deliveries.of(message.recipientBic()).channel();
        if (channel != DeliveryChannel.QUEUE) {
            throw new IllegalStateException("bank " + message.recipientBic() + " delivers to its " + channel
                    + ", not a queue");
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY,
                AmqpQueues.outbound(message.recipientBic()));
        exchange.getIn().setHeader(SpringRabbitMQConstants.CONTENT_TYPE, "application/xml");
        exchange.getIn().setHeader(SpringRabbitMQConstants.CONTENT_ENCODING, "UTF-8");
        // The message key is unique per bank, so the bank's system can drop a message the retries sent twice.
        exchange.getIn().setHeader(SpringRabbitMQConstants.MESSAGE_ID, message.messageKey());
        exchange.getIn().setHeader(WebhookChannelRoutes.SEQUENCE_HEADER, message.sequence());
        exchange.getIn().setHeader(WebhookChannelRoutes.MESSAGE_TYPE_HEADER, message.messageType());
        exchange.getIn().setBody(message.xml().getBytes(StandardCharsets.UTF_8));
    }
}
