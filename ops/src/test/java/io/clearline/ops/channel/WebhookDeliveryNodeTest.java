package io.clearline.ops.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Banks that chose webhook delivery on a real node: one bank's server refuses the first post and takes
 * the retry; the other bank's server never takes anything, so its messages end in the dead letter
 * folder. Both banks can still read every message from their outbox over HTTP.
 */
class WebhookDeliveryNodeTest extends DemoNodeTest {
    private static final String PATIENT_BANK = "HOOKDEFFXXX";
    private static final String BROKEN_BANK = "DOWNDEFFXXX";
    private static final List<String> delivered = new CopyOnWriteArrayList<>();
    private static final AtomicInteger patientBankPosts = new AtomicInteger();
    private static HttpServer banksServer;

    @Value("${clearline.data-dir}")
    private Path dataDirectory;

    @BeforeAll
    static void startTheBanksServer() throws IOException {
        banksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        banksServer.createContext("/patient", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The first post fails, as a bank's server restarting would; the retry gets through.
            boolean accepted = patientBankPosts.incrementAndGet() > 1;
            if (accepted) {
                delivered.add(body);
            }
            exchange.sendResponseHeaders(accepted ? 200 : 500, -1);
            exchange.close();
        });
        banksServer.createContext("/broken", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        banksServer.start();
    }

    @AfterAll
    static void stopTheBanksServer() {
        banksServer.stop(0);
    }

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + banksServer.getAddress().getPort();
        registry.add("clearline.channel.banks." + PATIENT_BANK + ".delivery", () -> "webhook");
        registry.add("clearline.channel.banks." + PATIENT_BANK + ".webhook-url", () -> base + "/patient");
        registry.add("clearline.channel.banks." + BROKEN_BANK + ".delivery", () -> "webhook");
        registry.add("clearline.channel.banks." + BROKEN_BANK + ".webhook-url", () -> base + "/broken");
        // The node's backoff, shortened so the retries run out within the test.
        registry.add("clearline.channel.delivery.redeliveries-max", () -> "2");
        registry.add("clearline.channel.delivery.first-redelivery-delay", () -> "PT0.05S");
        registry.add("clearline.channel.delivery.redelivery-delay-max", () -> "PT0.2S");
    }

    @Test
    void settledPaymentsStatusReportIsPostedToThePayersWebhookAfterARetry() throws Exception {
        admitWithPledge(PATIENT_BANK, "Patient Bank", "1000.00");
        String uetr = submitPayment(PATIENT_BANK, BRAVO, "10.00");

        awaitPaymentStatus(uetr, "SETTLED");
        String statusReport = Eventually.value("the pacs.002 for " + uetr + " at the webhook",
                () -> delivered.stream().filter(xml -> xml.contains(uetr) && xml.contains("ACSC")).findFirst());
        assertThat(statusReport).contains("pacs.002");
        assertThat(body(PATIENT_BANK, "/api/iso20022/outbox/" + PATIENT_BANK)).contains(uetr).contains("ACSC");
    }

    @Test
    void messageTheWebhookNeverTakesIsKeptInTheBanksDeadLetterFolder() throws Exception {
        admitWithPledge(BROKEN_BANK, "Broken Bank", "1000.00");
        String uetr = submitPayment(BROKEN_BANK, BRAVO, "10.00");

        awaitPaymentStatus(uetr, "SETTLED");
        Path deadLetters = dataDirectory.resolve("banks").resolve(BROKEN_BANK).resolve("dead-letter");
        Path kept = Eventually.value("the pacs.002 for " + uetr + " in " + deadLetters,
                () -> files(deadLetters).stream().filter(file -> read(file).contains(uetr)).findFirst());
        // The reason is written just after the message it explains: wait for it too.
        Path reason = kept.resolveSibling(kept.getFileName() + ".reason");
        Eventually.until("the reason beside " + kept, () -> Files.exists(reason));
        assertThat(read(reason)).contains("HTTP 503");
        assertThat(body(BROKEN_BANK, "/api/iso20022/outbox/" + BROKEN_BANK)).contains(uetr).contains("ACSC");
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".xml")).toList();
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
