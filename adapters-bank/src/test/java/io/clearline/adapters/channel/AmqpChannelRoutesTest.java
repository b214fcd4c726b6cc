package io.clearline.adapters.channel;

import static io.clearline.adapters.channel.ChannelFixture.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.BankDelivery;
import io.clearline.adapters.outbound.DeliveryChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The message broker channel through its real endpoints on the RabbitMQ of this machine, with the
 * core replaced as in {@link ChannelFixture}. Skipped when no broker listens on 127.0.0.1:5672.
 */
class AmqpChannelRoutesTest {
    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final long RECEIVE_TIMEOUT_MILLIS = 15_000;
    /** A bank of this test's own, so that no other test's messages are in its queues. */
    private static final String QUEUE_BANK = "QUEUDEFFXXX";
    private static final String UETR = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private ChannelFixture channel;
    private CachingConnectionFactory broker;
    private RabbitTemplate bank;

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }

    @BeforeEach
    void wire() throws Exception {
        boolean reachable = reachable();
        // CI sets -Dclearline.test.amqp=required: there a missing broker fails the run instead of skipping.
        if (!reachable && "required".equals(System.getProperty("clearline.test.amqp"))) {
            throw new IllegalStateException("clearline.test.amqp=required, but no AMQP broker answers at " + BROKER_HOST
                    + ":" + BROKER_PORT);
        }
        Assumptions.assumeTrue(reachable, "no AMQP broker at " + BROKER_HOST + ":" + BROKER_PORT
                + "; start RabbitMQ to run the message broker channel's tests");
        broker = new CachingConnectionFactory(BROKER_HOST, BROKER_PORT);
        broker.setUsername("guest");
        broker.setPassword("guest");
        broker.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        RabbitAdmin admin = new RabbitAdmin(broker);
        AmqpQueues.declarables(List.of(QUEUE_BANK), List.of(QUEUE_BANK)).getDeclarablesByType(Queue.class)
                .forEach(queue -> {
                    admin.declareQueue(queue);
                    admin.purgeQueue(queue.getName(), false);
                });
        bank = new RabbitTemplate(broker);

        BankDeliveries deliveries = new BankDeliveries(List.of(new BankDelivery(QUEUE_BANK, DeliveryChannel.QUEUE,
                null)));
        channel = new ChannelFixture(true, deliveries);
        channel.camel.getComponent("spring-rabbitmq", SpringRabbitMQComponent.class).setConnectionFactory(broker);
        Properties properties = new Properties();
        properties.put("clearline.channel.amqp.inbound-uri",
                "spring-rabbitmq:default?autoDeclare=false&acknowledgeMode=AUTO&prefetchCount=10"
                        + "&concurrentConsumers=1");
        properties.put("clearline.channel.amqp.outbound-uri",
                "spring-rabbitmq:default?confirm=enabled&confirmTimeout=5000");
        properties.put("clearline.channel.amqp.dead-letter-uri",
                "spring-rabbitmq:default?confirm=enabled&confirmTimeout=5000");
        channel.camel.getPropertiesComponent().setInitialProperties(properties);
        channel.camel.addRoutes(new ChannelErrorPolicy());
        channel.camel.addRoutes(new AmqpChannelRoutes(channel.service, List.of(QUEUE_BANK), deliveries, 1_048_576));
        channel.camel.addRoutes(new DeliveryReceiptRoutes(channel.outbox));
        channel.camel.start();
    }

    @AfterEach
    void close() throws Exception {
        if (channel != null) {
            channel.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void paymentOnTheBanksInboundQueueIsSubmittedAsThatBank() throws InterruptedException {
        publish(InboundMessageServiceTest.pacs008(UETR, QUEUE_BANK, BRAVO, "10.00"));

        long deadline = System.currentTimeMillis() + RECEIVE_TIMEOUT_MILLIS;
        while (channel.submitted.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(channel.submitted).singleElement()
                .satisfies(command -> assertThat(command.payer().value()).isEqualTo(QUEUE_BANK));
        assertThat(bank.receive(AmqpQueues.deadLetter(QUEUE_BANK))).isNull();
    }

    @Test
    void malformedMessageIsAnsweredWithRjctOnTheOutboundQueueAndKeptAsSentInTheDeadLetterQueue() {
        byte[] broken = "<Document><unclosed></Document>".getBytes(StandardCharsets.UTF_8);

        publish(broken);

        Message answer = bank.receive(AmqpQueues.outbound(QUEUE_BANK), RECEIVE_TIMEOUT_MILLIS);
        assertThat(answer).as("an answer on " + AmqpQueues.outbound(QUEUE_BANK)).isNotNull();
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("RJCT").contains("FF01");
        assertThat(answer.getMessageProperties().getMessageId()).startsWith("pacs.002:refused:");
        Message kept = bank.receive(AmqpQueues.deadLetter(QUEUE_BANK), RECEIVE_TIMEOUT_MILLIS);
        assertThat(kept).as("the original on " + AmqpQueues.deadLetter(QUEUE_BANK)).isNotNull();
        assertThat(kept.getBody()).isEqualTo(broken);
        assertThat((String) kept.getMessageProperties().getHeader(AmqpChannelRoutes.REASON_CODE_HEADER))
                .isEqualTo("FF01");
        assertThat(channel.submitted).isEmpty();
    }

    @Test
    void paymentInstructedByAnotherBankIsRefusedOnThisBanksQueue() {
        publish(InboundMessageServiceTest.pacs008(UETR, BRAVO, QUEUE_BANK, "10.00"));

        Message answer = bank.receive(AmqpQueues.outbound(QUEUE_BANK), RECEIVE_TIMEOUT_MILLIS);
        assertThat(answer).as("an answer on " + AmqpQueues.outbound(QUEUE_BANK)).isNotNull();
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("RJCT");
        assertThat(bank.receive(AmqpQueues.deadLetter(QUEUE_BANK), RECEIVE_TIMEOUT_MILLIS)).isNotNull();
        assertThat(channel.submitted).isEmpty();
    }

    private void publish(byte[] xml) {
        bank.send("", AmqpQueues.inbound(QUEUE_BANK), new Message(xml));
    }
}
