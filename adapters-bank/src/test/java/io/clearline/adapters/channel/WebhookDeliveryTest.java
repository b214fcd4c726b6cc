package io.clearline.adapters.channel;

import static io.clearline.adapters.channel.ChannelFixture.ALPHA;
import static io.clearline.adapters.channel.ChannelFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.BankDelivery;
import io.clearline.adapters.outbound.DeliveryChannel;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessage;
import io.clearline.adapters.outbound.OutboxStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Webhook delivery through the real HTTP endpoint to a bank's server on this machine, which fails as
 * often as a test tells it to: retries with backoff, and the dead letter channel once they run out.
 */
class WebhookDeliveryTest {
    private static final Duration WAIT_MAX = Duration.ofSeconds(15);
    /** Short waits keep the test quick; the policy is the node's, only its numbers differ. */
    private static final DeliveryRetries RETRIES = new DeliveryRetries(3, Duration.ofMillis(20), Duration.ofMillis(80));
    private static final String XML = "<Document><FIToFIPmtStsRpt>ACSC</FIToFIPmtStsRpt></Document>";

    @TempDir
    Path dataDir;
    private HttpServer bankServer;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> messageKeys = new CopyOnWriteArrayList<>();
    /** How many posts the bank's server refuses before it accepts one. */
    private volatile int failuresBeforeSuccess;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private OutboxStore outbox;
    private OutboundDelivery delivery;

    @BeforeEach
    void wire() throws Exception {
        bankServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bankServer.createContext("/clearline", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int attempt = attempts.incrementAndGet();
            messageKeys.add(exchange.getRequestHeaders().getFirst(WebhookChannelRoutes.MESSAGE_KEY_HEADER));
            int status = attempt <= failuresBeforeSuccess ? 503 : 204;
            if (status == 204) {
                received.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        bankServer.start();
        URI webhook = URI.create("http://127.0.0.1:" + bankServer.getAddress().getPort() + "/clearline");
        BankDeliveries deliveries = new BankDeliveries(List.of(new BankDelivery(ALPHA, DeliveryChannel.WEBHOOK,
                webhook)));

        outbox = new OutboxStore(new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:webhook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")), CLOCK);
        outbox.createSchemaIfMissing();
        Properties properties = new Properties();
        properties.put("clearline.channel.webhook.delivery-uri",
                "http://bank-webhook?connectTimeout=2000&responseTimeout=2000&followRedirects=false");
        properties.put("clearline.channel.dead-letter-uri", "file:" + dataDir.resolve("banks") + "?fileExist=Override");
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.addRoutes(new ChannelErrorPolicy(RETRIES));
        camel.addRoutes(new WebhookChannelRoutes(deliveries));
        camel.addRoutes(new DeadLetterChannelRoutes());
        camel.addRoutes(new DeliveryReceiptRoutes(outbox));
        camel.start();
        delivery = new OutboundDelivery(outbox, camel.createProducerTemplate(), deliveries);
    }

    @AfterEach
    void close() throws IOException {
        camel.close();
        bankServer.stop(0);
    }

    @Test
    void webhookIsRetriedWithBackoffUntilTheBanksServerAcceptsTheMessage() {
        failuresBeforeSuccess = 2;

        delivery.deliver(ALPHA, "pacs.002", "pacs.002:first", XML);

        await(() -> received.size() == 1);
        assertThat(received).containsExactly(XML);
        assertThat(attempts).hasValue(3);
        assertThat(messageKeys).containsOnly("pacs.002:first");
        assertThat(deadLetterFolder()).doesNotExist();
        assertThat(outbox.page(ALPHA, 0, OutboxStore.PAGE_SIZE_MAX)).extracting(OutboundMessage::xml)
                .containsExactly(XML);
    }

    @Test
    void webhookThatNeverAcceptsLeavesTheOriginalMessageInTheDeadLetterFolderAfterTheLastRetry() throws IOException {
        failuresBeforeSuccess = Integer.MAX_VALUE;

        OutboundMessage message = delivery.deliver(ALPHA, "pacs.002", "pacs.002:second", XML).orElseThrow();

        Path kept = deadLetterFolder().resolve(String.format("%012d", message.sequence()) + "-pacs.002.xml");
        Path reason = kept.resolveSibling(kept.getFileName() + ".reason");
        await(() -> Files.exists(reason));
        assertThat(kept).hasContent(XML);
        assertThat(reason).content().contains("HTTP 503");
        assertThat(attempts).hasValue(1 + RETRIES.redeliveriesMax());
        assertThat(received).isEmpty();
        assertThat(outbox.page(ALPHA, 0, OutboxStore.PAGE_SIZE_MAX)).extracting(OutboundMessage::xml)
                .as("the bank can still read it from its outbox").containsExactly(XML);
    }

    /** A node stopped with the delivery still in its backlog (or before handing it over) pushes it at its next start. */
    @Test
    void aMessageStoredButNeverDeliveredIsPostedWhenTheNodeResumes() {
        OutboundMessage stored = outbox.add(ALPHA, "pacs.002", "pacs.002:fourth", XML).orElseThrow();
        assertThat(outbox.pendingDeliveries(0, 10)).extracting(OutboundMessage::sequence)
                .containsExactly(stored.sequence());

        assertThat(delivery.resumePending()).isEqualTo(1);

        await(() -> received.size() == 1);
        assertThat(messageKeys).containsExactly("pacs.002:fourth");
        await(() -> outbox.pendingDeliveries(0, 10).isEmpty());
        assertThat(delivery.resumePending()).as("delivered: nothing to push again").isZero();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aMessageTheDeadLetterChannelKeepsIsNotPushedAgainAtTheNextStart() {
        failuresBeforeSuccess = Integer.MAX_VALUE;
        delivery.deliver(ALPHA, "pacs.002", "pacs.002:fifth", XML);
        await(() -> outbox.pendingDeliveries(0, 10).isEmpty());

        assertThat(delivery.resumePending()).isZero();
        assertThat(attempts).hasValue(1 + RETRIES.redeliveriesMax());
    }

    @Test
    void aMessageAlreadyDeliveredIsNotPostedAgain() {
        delivery.deliver(ALPHA, "pacs.002", "pacs.002:third", XML);
        await(() -> received.size() == 1);

        assertThat(delivery.deliver(ALPHA, "pacs.002", "pacs.002:third", XML)).isEmpty();
        assertThat(attempts).hasValue(1);
    }

    private Path deadLetterFolder() {
        return dataDir.resolve("banks").resolve(ALPHA).resolve("dead-letter");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT_MAX);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }
}
