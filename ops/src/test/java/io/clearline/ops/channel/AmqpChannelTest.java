package io.clearline.ops.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.adapters.channel.AmqpChannelRoutes;
import io.clearline.adapters.channel.AmqpQueues;
import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A bank's system on the message broker channel of a real node, through the RabbitMQ of this machine:
 * it publishes to its inbound queue and reads Clearline's answers from its outbound queue. Skipped
 * when no broker listens on 127.0.0.1:5672 (the node's default keeps the broker channel off).
 */
// Decided before the node starts, so a machine without a broker neither starts one nor waits for it.
@EnabledIf(value = "brokerIsReachable", disabledReason = "no AMQP broker at 127.0.0.1:5672; start RabbitMQ to run"
        + " the message broker channel's end-to-end tests")
class AmqpChannelTest extends DemoNodeTest {
    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    /** A bank of this test's own, admitted by the test, so no other test's messages are in its queues. */
    private static final String QUEUE_BANK = "AMQPDEFFXXX";

    private static CachingConnectionFactory broker;
    private static RabbitTemplate bankSystem;

    @BeforeAll
    static void emptyTheBanksQueues() {
        broker = new CachingConnectionFactory(BROKER_HOST, BROKER_PORT);
        broker.setUsername("guest");
        broker.setPassword("guest");
        RabbitAdmin admin = new RabbitAdmin(broker);
        // Declared as the node declares them, then emptied of what an earlier run left.
        AmqpQueues.declarables(List.of(QUEUE_BANK), List.of(QUEUE_BANK)).getDeclarablesByType(Queue.class)
                .forEach(queue -> {
                    admin.declareQueue(queue);
                    admin.purgeQueue(queue.getName(), false);
                });
        bankSystem = new RabbitTemplate(broker);
    }

    @AfterAll
    static void disconnect() {
        if (broker != null) {
            broker.destroy();
        }
    }

    @DynamicPropertySource
    static void brokerChannel(DynamicPropertyRegistry registry) {
        registry.add("clearline.channel.amqp.enabled", () -> "true");
        registry.add("clearline.channel.amqp.banks", () -> QUEUE_BANK);
        registry.add("spring.rabbitmq.host", () -> BROKER_HOST);
        registry.add("spring.rabbitmq.port", () -> BROKER_PORT);
        registry.add("spring.rabbitmq.username", () -> "guest");
        registry.add("spring.rabbitmq.password", () -> "guest");
    }

    @Test
    void paymentPublishedToTheBanksInboundQueueSettlesAndItsAcscAppearsOnTheOutboundQueue() throws Exception {
        admitWithPledge(QUEUE_BANK, "Queue Bank", "1000.00");
        String uetr = UUID.randomUUID().toString();

        publish(Pacs008Template.creditTransfer("Q-" + uetr.substring(0, 8), uetr, QUEUE_BANK, BRAVO, "25.00", "EUR",
                LocalDate.now()));

        awaitPaymentStatus(uetr, "SETTLED");
        String statusReport = awaitOnOutboundQueue("the pacs.002 for " + uetr,
                xml -> xml.contains(uetr) && xml.contains("pacs.002"));
        assertThat(statusReport).contains("ACSC");
        assertThat(bankSystem.receive(AmqpQueues.deadLetter(QUEUE_BANK))).isNull();
    }

    @Test
    void malformedMessageIsAnsweredWithRjctAndKeptAsSentInTheDeadLetterQueue() {
        String broken = "<Document><FIToFICstmrCdtTrf><unclosed></Document><!-- " + UUID.randomUUID() + " -->";

        publish(broken);

        String rejection = awaitOnOutboundQueue("a pacs.002 RJCT", xml -> xml.contains("RJCT"));
        assertThat(rejection).contains("FF01");
        Message kept = Eventually.value("the original in " + AmqpQueues.deadLetter(QUEUE_BANK),
                () -> Optional.ofNullable(bankSystem.receive(AmqpQueues.deadLetter(QUEUE_BANK))));
        assertThat(new String(kept.getBody(), StandardCharsets.UTF_8)).isEqualTo(broken);
        assertThat((String) kept.getMessageProperties().getHeader(AmqpChannelRoutes.REASON_CODE_HEADER))
                .isEqualTo("FF01");
    }

    /** CI sets {@code -Dclearline.test.amqp=required}: there a missing broker fails the run instead of skipping. */
    static boolean brokerIsReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException unreachable) {
            if ("required".equals(System.getProperty("clearline.test.amqp"))) {
                throw new IllegalStateException("clearline.test.amqp=required, but no AMQP broker answers at "
                        + BROKER_HOST + ":" + BROKER_PORT, unreachable);
            }
            return false;
        }
    }

    private void publish(String xml) {
        bankSystem.send("", AmqpQueues.inbound(QUEUE_BANK), new Message(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads the outbound queue (bounded) until a message matches; others (a camt.054, say) are passed over. */
    private String awaitOnOutboundQueue(String what, Predicate<String> matches) {
        return Eventually.value(what + " on " + AmqpQueues.outbound(QUEUE_BANK), () -> {
            for (Message message = bankSystem.receive(AmqpQueues.outbound(QUEUE_BANK)); message != null;
                 message = bankSystem.receive(AmqpQueues.outbound(QUEUE_BANK))) {
                String xml = new String(message.getBody(), StandardCharsets.UTF_8);
                if (matches.test(xml)) {
                    return Optional.of(xml);
                }
            }
            return Optional.empty();
        });
    }
}
