package io.clearline.ops.config;

import io.clearline.adapters.channel.AmqpChannelRoutes;
import io.clearline.adapters.channel.AmqpQueues;
import io.clearline.adapters.channel.DeadLetterChannelRoutes;
import io.clearline.adapters.channel.DeliveryReceiptRoutes;
import io.clearline.adapters.channel.DeliveryRetries;
import io.clearline.adapters.channel.InboundMessageService;
import io.clearline.adapters.channel.WebhookChannelRoutes;
import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.BankDelivery;
import io.clearline.adapters.outbound.DeliveryChannel;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboxStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Where each bank's outbound messages go (its outbox folder, its AMQP queue or its webhook), the
 * retries and dead letter channel for queue and webhook deliveries, and the message broker channel,
 * which is on only when {@code clearline.channel.amqp.enabled=true} (a machine may have no broker).
 */
@Configuration
public class DeliveryChannelConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DeliveryChannelConfiguration.class);

    /** One bank's {@code clearline.channel.banks.<BIC>.*} settings. */
    record BankChannelProperties(DeliveryChannel delivery, URI webhookUrl) {
    }

    /**
     * {@code clearline.channel.banks.<BIC>.delivery} (folder, queue or webhook) and {@code .webhook-url}; a bank
     * that reads its inbound AMQP queue hears back on its outbound queue unless it says otherwise.
     */
    @Bean
    BankDeliveries bankDeliveries(Environment environment,
                                  @Value("${clearline.channel.amqp.enabled}") boolean amqpEnabled,
                                  @Value("${clearline.channel.amqp.banks:}") List<String> amqpBanks) {
        Map<String, BankChannelProperties> configured = Binder.get(environment).bind("clearline.channel.banks",
                Bindable.mapOf(String.class, BankChannelProperties.class)).orElse(Map.of());
        Set<String> onTheBroker = amqpEnabled ? Set.copyOf(amqpBanks) : Set.of();
        Map<String, BankDelivery> deliveries = new TreeMap<>();
        configured.forEach((key, settings) -> {
            // Keys from environment variables arrive in lower case; a BIC is upper case.
            String bic = key.toUpperCase(Locale.ROOT);
            DeliveryChannel channel = settings.delivery() != null ? settings.delivery()
                    : onTheBroker.contains(bic) ? DeliveryChannel.QUEUE : DeliveryChannel.FOLDER;
            deliveries.put(bic, new BankDelivery(bic, channel, settings.webhookUrl()));
        });
        onTheBroker.forEach(bic -> deliveries.putIfAbsent(bic, new BankDelivery(bic, DeliveryChannel.QUEUE, null)));
        BankDeliveries bankDeliveries = new BankDeliveries(deliveries.values());
        if (!amqpEnabled && !bankDeliveries.banksOn(DeliveryChannel.QUEUE).isEmpty()) {
            throw new IllegalStateException("banks " + bankDeliveries.banksOn(DeliveryChannel.QUEUE) + " deliver to an"
                    + " AMQP queue, but the broker channel is off: set clearline.channel.amqp.enabled=true");
        }
        return bankDeliveries;
    }

    @Bean
    DeliveryRetries deliveryRetries(@Value("${clearline.channel.delivery.redeliveries-max}") int redeliveriesMax,
                                    @Value("${clearline.channel.delivery.first-redelivery-delay}") Duration firstDelay,
                                    @Value("${clearline.channel.delivery.redelivery-delay-max}") Duration delayMax) {
        return new DeliveryRetries(redeliveriesMax, firstDelay, delayMax);
    }

    @Bean
    WebhookChannelRoutes webhookChannelRoutes(BankDeliveries deliveries) {
        return new WebhookChannelRoutes(deliveries);
    }

    @Bean
    DeadLetterChannelRoutes deadLetterChannelRoutes() {
        return new DeadLetterChannelRoutes();
    }

    @Bean
    DeliveryReceiptRoutes deliveryReceiptRoutes(OutboxStore outbox) {
        return new DeliveryReceiptRoutes(outbox);
    }

    /**
     * What the node stored for a bank and never handed to its channel before it last stopped (a webhook
     * or queue delivery still in the backlog) is pushed again once the routes run.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeDeliveries(ApplicationReadyEvent ready) {
        int resumed = ready.getApplicationContext().getBean(OutboundDelivery.class).resumePending();
        if (resumed > 0) {
            log.info("{} outbound messages the node had not delivered before it stopped are delivered again", resumed);
        }
    }

    /** The broker channel; Spring Boot's {@code spring.rabbitmq.*} settings say where the broker is. */
    @Configuration
    @ConditionalOnProperty(name = "clearline.channel.amqp.enabled", havingValue = "true")
    static class Amqp {

        @Bean
        AmqpChannelRoutes amqpChannelRoutes(InboundMessageService inbound, BankDeliveries deliveries,
                                            @Value("${clearline.channel.amqp.banks:}") List<String> amqpBanks,
                                            @Value("${clearline.iso20022.size-max-bytes}") int sizeMaxBytes) {
            return new AmqpChannelRoutes(inbound, amqpBanks, deliveries, sizeMaxBytes);
        }

        /** Declared by Spring AMQP's admin whenever it connects, so the queues exist before the first message. */
        @Bean
        Declarables amqpQueues(BankDeliveries deliveries,
                               @Value("${clearline.channel.amqp.banks:}") List<String> amqpBanks) {
            return AmqpQueues.declarables(amqpBanks, deliveries.banksOn(DeliveryChannel.QUEUE));
        }
    }
}
