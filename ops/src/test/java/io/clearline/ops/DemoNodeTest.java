package io.clearline.ops;

import io.clearline.ops.load.Pacs008Template;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real node with the demo network on a free port and a fresh data folder, reached over HTTP as a
 * bank, the operator or the regulator would reach it (every demo user's password is {@code demo}).
 */
@SpringBootTest(classes = ClearlineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
// Camel's servlet registry is one per JVM: close this node before another test class starts its own.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class DemoNodeTest {
    protected static final String ALPHA = "ALPHEUAAXXX";
    protected static final String BRAVO = "BRAVEUBBXXX";
    protected static final String DELTA = "DELTEUDDXXX";
    protected static final String PROBLEM = "application/problem+json";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        registry.add("clearline.data-dir", () -> dataDir.toString());
        // Tests that queue payments decide themselves when a gridlock run happens.
        registry.add("clearline.lsm.schedule.enabled", () -> "false");
        registry.add("clearline.lsm.recovery.enabled", () -> "false");
    }

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The body of a GET, for bounded waits that cannot throw checked exceptions. */
    protected String body(String user, String path) {
        try {
            return get(user, path).body();
        } catch (IOException | InterruptedException unreachable) {
            throw new AssertionError(unreachable);
        }
    }

    protected HttpResponse<String> post(String user, String path) throws IOException, InterruptedException {
        return send(user, HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    protected HttpResponse<String> postXml(String user, String xml) throws IOException, InterruptedException {
        return send(user, HttpRequest.newBuilder(uri("/api/iso20022/messages")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    protected HttpResponse<String> postJson(String user, String path, String json)
            throws IOException, InterruptedException {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A one-payment pacs.008 from the payer's system, accepted (202); answers the payment's UETR. */
    protected String submitPayment(String payer, String payee, String amount) throws IOException, InterruptedException {
        String uetr = UUID.randomUUID().toString();
        HttpResponse<String> accepted = postXml(payer, Pacs008Template.creditTransfer("T-" + uetr.substring(0, 8),
                uetr, payer, payee, amount, "EUR", LocalDate.now()));
        if (accepted.statusCode() != 202) {
            throw new AssertionError("payment " + uetr + " not accepted: " + accepted.body());
        }
        return uetr;
    }

    /**
     * The operator admits a bank of a test's own and pledges {@code amount} EUR to it, so that no payment
     * another test left queued stands in its way; returns once its position shows the pledge.
     */
    protected void admitWithPledge(String bic, String name, String amount) throws IOException, InterruptedException {
        HttpResponse<String> admitted = postJson("operator", "/api/participants",
                "{\"bic\":\"" + bic + "\",\"name\":\"" + name + "\"}");
        HttpResponse<String> pledged = postJson("operator", "/api/participants/" + bic + "/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}");
        if (admitted.statusCode() != 201 || pledged.statusCode() != 202) {
            throw new AssertionError(bic + " not admitted with a pledge: " + admitted.body() + " " + pledged.body());
        }
        Eventually.until(name + "'s pledge", () -> body(bic, "/api/positions/" + bic)
                .contains("\"balance\":\"" + amount + "\""));
    }

    /** Waits (bounded) until the operator sees the payment in {@code status}. */
    protected void awaitPaymentStatus(String uetr, String status) {
        Eventually.until("payment " + uetr + " " + status, () -> body("operator", "/api/payments/" + uetr)
                .contains("\"status\":\"" + status + "\""));
    }

    /** @param user a demo user, or null for a request without credentials */
    protected HttpResponse<String> send(String user, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
