package io.clearline.ops.config;

import io.clearline.adapters.channel.ChannelErrorPolicy;
import io.clearline.adapters.channel.DeliveryRetries;
import io.clearline.adapters.channel.FileChannelRoutes;
import io.clearline.adapters.channel.HttpChannelRoutes;
import io.clearline.adapters.channel.InboundMessageService;
import io.clearline.adapters.channel.MessageReceipts;
import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.InboundMessageStore;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessageHandler;
import io.clearline.adapters.outbound.OutboxStore;
import io.clearline.adapters.outbound.StatementDelivery;
import io.clearline.adapters.outbound.WarehousedPaymentNotices;
import io.clearline.adapters.security.DemoUserDirectory;
import io.clearline.iso20022.Iso20022Reader;
import io.clearline.iso20022.Iso20022Writer;
import io.clearline.iso20022.ReaderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.camel.ProducerTemplate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The banks' ISO 20022 channels and outbound delivery, with their settings from the node's properties. */
@Configuration
public class ChannelConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ChannelConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Iso20022Reader iso20022Reader(Clock clock, @Value("${clearline.network.central-bank.bic}") String systemBic,
                                  @Value("${clearline.iso20022.size-max-bytes}") int sizeMaxBytes,
                                  @Value("${clearline.iso20022.check-settlement-date}") boolean checkSettlementDate,
                                  @Value("${clearline.iso20022.business-zone}") String businessZone) {
        ReaderSettings defaults = ReaderSettings.defaults(clock);
        return new Iso20022Reader(new ReaderSettings(sizeMaxBytes, defaults.nestingDepthMax(), checkSettlementDate,
                clock, ZoneId.of(businessZone)).withSettlementSystemBic(systemBic));
    }

    @Bean
    Iso20022Writer iso20022Writer(Clock clock, @Value("${clearline.network.central-bank.bic}") String systemBic) {
        return new Iso20022Writer(systemBic, clock);
    }

    @Bean
    OutboxStore outboxStore(JdbcTemplate jdbc, Clock clock) {
        OutboxStore store = new OutboxStore(jdbc, clock);
        store.createSchemaIfMissing();
        return store;
    }

    @Bean
    InboundMessageStore inboundMessageStore(JdbcTemplate jdbc, Clock clock) {
        InboundMessageStore store = new InboundMessageStore(jdbc, clock);
        store.createSchemaIfMissing();
        return store;
    }

    @Bean
    MessageReceipts messageReceipts(JdbcTemplate jdbc, Clock clock) {
        MessageReceipts receipts = new MessageReceipts(jdbc, clock);
        receipts.createSchemaIfMissing();
        return receipts;
    }

    @Bean
    OutboundDelivery outboundDelivery(OutboxStore outbox, ProducerTemplate producer, BankDeliveries deliveries) {
        return new OutboundDelivery(outbox, producer, deliveries);
    }

    @Bean
    OutboundMessageHandler outboundMessageHandler(OutboundDelivery delivery, Iso20022Writer writer,
                                                  InboundMessageStore originals,
                                                  @Value("${clearline.iso20022.business-zone}") String businessZone) {
        return new OutboundMessageHandler(delivery, writer, originals, ZoneId.of(businessZone));
    }

    /** In the outbound messages' processing group: the PDNG goes out in order with the payment's other answers. */
    @Bean
    WarehousedPaymentNotices warehousedPaymentNotices(OutboundDelivery delivery, Iso20022Writer writer) {
        return new WarehousedPaymentNotices(delivery, writer);
    }

    @Bean
    StatementDelivery statementDelivery(OutboundDelivery delivery, Iso20022Writer writer, QueryGateway queries) {
        return new StatementDelivery(delivery, writer, queries);
    }

    @Bean
    InboundMessageService inboundMessageService(Iso20022Reader reader, Iso20022Writer writer, CommandGateway commands,
                                                QueryGateway queries, InboundMessageStore originals,
                                                OutboundDelivery delivery, MessageReceipts receipts,
                                                @Value("${clearline.channel.submit-timeout}") Duration submitTimeout) {
        return new InboundMessageService(reader, writer, commands, queries, originals, delivery, receipts,
                submitTimeout);
    }

    @Bean
    ChannelErrorPolicy channelErrorPolicy(DeliveryRetries deliveryRetries) {
        return new ChannelErrorPolicy(deliveryRetries);
    }

    @Bean
    HttpChannelRoutes httpChannelRoutes(InboundMessageService inbound, OutboxStore outbox,
                                        @Value("${clearline.iso20022.size-max-bytes}") int sizeMaxBytes) {
        return new HttpChannelRoutes(inbound, outbox, sizeMaxBytes);
    }

    @Bean
    FileChannelRoutes fileChannelRoutes(InboundMessageService inbound,
                                        @Value("${clearline.iso20022.size-max-bytes}") int sizeMaxBytes) {
        return new FileChannelRoutes(inbound, sizeMaxBytes);
    }

    /**
     * The demo profile's well-known users; outside it nobody has a password until an identity provider
     * is configured, and every {@code /api} call is refused (rather than Spring Boot inventing a user).
     */
    @Bean
    UserDetailsService users(@Value("${clearline.demo.enabled:false}") boolean demo,
                             @Value("${clearline.demo.password:}") String demoPassword, QueryGateway queries) {
        if (demo) {
            return new DemoUserDirectory(demoPassword, queries);
        }
        log.warn("No users are configured: every /api request will be refused. Run the demo profile"
                + " (./clearline demo) for the demo users.");
        return new InMemoryUserDetailsManager();
    }
}
