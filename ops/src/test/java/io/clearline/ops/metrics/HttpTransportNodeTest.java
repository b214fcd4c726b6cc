package io.clearline.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.transport.http.TlsIdentity;
import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo node with {@code clearline.transport.mode=http}: its ledger's sessions go over HTTP/2 and
 * mutual TLS to its own listener (payer and payee are both hosted here), with a TLS key and certificate
 * a network root issued in this test, and the transport's metrics are on {@code /actuator/prometheus}.
 */
@AutoConfigureObservability(tracing = false)
class HttpTransportNodeTest extends DemoNodeTest {
    private static final String NODE = "demo-node-1";
    private static final Ed25519.GeneratedKeyPair ROOT = Ed25519.generate();

    @DynamicPropertySource
    static void networkedTransport(DynamicPropertyRegistry registry) throws IOException {
        Path keys = Files.createTempDirectory("clearline-transport-keys");
        TlsIdentity identity = NetworkTls.issueNodeIdentity("Test network root", ROOT.privateKey(), NODE, NODE,
                Instant.now().minus(Duration.ofDays(1)));
        Path key = keys.resolve("node.key");
        Path certificate = keys.resolve("node.crt");
        // The key as PEM, the certificate as bare base64 DER: the node reads either form.
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(identity.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(certificate, Base64.getEncoder().encodeToString(der(identity)));
        registry.add("clearline.transport.mode", () -> "http");
        registry.add("clearline.transport.http.node-name", () -> NODE);
        registry.add("clearline.transport.http.port", () -> "0");
        registry.add("clearline.transport.http.bind-host", () -> "127.0.0.1");
        registry.add("clearline.transport.http.key-file", key::toString);
        registry.add("clearline.transport.http.certificate-file", certificate::toString);
        registry.add("clearline.transport.http.network-root-public-key", () -> ROOT.publicKey().base64());
        registry.add("clearline.metrics.transport.refresh-interval", () -> "PT0.2S");
    }

    private static byte[] der(TlsIdentity identity) {
        try {
            return identity.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Test
    void aPaymentSettlesOverTheHttpTransportToItselfAndTheTransportIsMeasured() throws Exception {
        PrometheusScrape before = scrape();
        double received = before.valueOrZero("clearline_transport_envelopes_received_total");
        double sent = before.valueOrZero("clearline_transport_envelopes_sent_total");

        String uetr = submitPayment(ALPHA, BRAVO, "12.34");
        awaitPaymentStatus(uetr, "SETTLED");

        Eventually.until("the payment's session envelopes counted as sent and received over HTTP", () -> {
            PrometheusScrape after = scrape();
            return after.valueOrZero("clearline_transport_envelopes_sent_total") > sent
                    && after.valueOrZero("clearline_transport_envelopes_received_total") > received;
        });
        Eventually.until("a backlog gauge for the node itself, the one peer it sent to",
                () -> scrape().value("clearline_transport_backlog_envelopes", "peer", NODE).isPresent());
        PrometheusScrape after = scrape();
        assertThat(after.value("clearline_transport_envelopes_refused_total")).contains(0.0);
        assertThat(after.names()).contains("clearline_transport_batches_failed_total",
                "clearline_transport_batches_busy_total");
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.parse(body(null, "/actuator/prometheus"));
    }
}
