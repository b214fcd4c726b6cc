package io.clearline.ops.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.flows.transport.http.HttpTransport;
import io.clearline.ops.network.MembershipFollowingConfiguration;
import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.transport.http.TlsIdentity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What {@code clearline.transport.*} accepts, and that a bad value stops the node naming its property. */
class TransportSettingsTest {
    private static final Ed25519.GeneratedKeyPair ROOT = Ed25519.generate();
    private static final TlsIdentity IDENTITY = NetworkTls.issueNodeIdentity("Test root", ROOT.privateKey(), "node-a",
            "node-a", Instant.now().minus(Duration.ofDays(1)));

    @TempDir
    Path folder;
    private String keyPem;
    private String certificateBase64;

    @BeforeEach
    void writeKeyMaterial() throws Exception {
        keyPem = Files.writeString(folder.resolve("node.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(IDENTITY.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n").toString();
        certificateBase64 = Files.writeString(folder.resolve("node.crt"),
                Base64.getEncoder().encodeToString(IDENTITY.certificate().getEncoded())).toString();
    }

    @Test
    void theModeIsInMemoryOrHttp() {
        assertThat(new TransportConfiguration.TransportMode("in-memory").http()).isFalse();
        assertThat(new TransportConfiguration.TransportMode("http").http()).isTrue();
        assertThatThrownBy(() -> new TransportConfiguration.TransportMode("grpc"))
                .hasMessageContaining("clearline.transport.mode").hasMessageContaining("grpc");
    }

    @Test
    void keyAndCertificateAreReadFromPemOrBase64Der() throws Exception {
        Path certificatePem = Files.writeString(folder.resolve("pem.crt"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(IDENTITY.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path keyBase64 = Files.writeString(folder.resolve("b64.key"),
                Base64.getEncoder().encodeToString(IDENTITY.privateKey().getEncoded()));

        assertThat(TlsMaterial.certificate("p", certificatePem.toString())).isEqualTo(IDENTITY.certificate());
        assertThat(TlsMaterial.certificate("p", certificateBase64)).isEqualTo(IDENTITY.certificate());
        assertThat(TlsMaterial.ed25519PrivateKey("p", keyPem).getEncoded())
                .isEqualTo(IDENTITY.privateKey().getEncoded());
        assertThat(TlsMaterial.ed25519PrivateKey("p", keyBase64.toString()).getEncoded())
                .isEqualTo(IDENTITY.privateKey().getEncoded());
        assertThat(TlsMaterial.rootPublicKey("p", ROOT.publicKey().base64())).isEqualTo(ROOT.publicKey());
    }

    @Test
    void badValuesStopTheNodeNamingTheProperty() throws Exception {
        String garbage = Files.writeString(folder.resolve("garbage"), "not a certificate at all!").toString();
        String root = ROOT.publicKey().base64();

        assertThatThrownBy(() -> http("", keyPem, certificateBase64, root, "0"))
                .hasMessageContaining("clearline.transport.http.node-name");
        assertThatThrownBy(() -> http("node-a", "", certificateBase64, root, "0"))
                .hasMessageContaining("clearline.transport.http.key-file");
        assertThatThrownBy(() -> http("node-a", folder.resolve("missing.key").toString(), certificateBase64, root, "0"))
                .hasMessageContaining("clearline.transport.http.key-file").hasMessageContaining("missing.key");
        assertThatThrownBy(() -> http("node-a", keyPem, garbage, root, "0"))
                .hasMessageContaining("clearline.transport.http.certificate-file");
        assertThatThrownBy(() -> http("node-b", keyPem, certificateBase64, root, "0"))
                .hasMessageContaining("clearline.transport.http.node-name").hasMessageContaining("node-a");
        assertThatThrownBy(() -> http("node-a", keyPem, certificateBase64, "bm90IGEga2V5", "0"))
                .hasMessageContaining("clearline.transport.http.network-root-public-key");
        assertThatThrownBy(() -> http("node-a", keyPem, certificateBase64, root, "70000"))
                .hasMessageContaining("clearline.transport.http.port");
        assertThatThrownBy(() -> http("node-a", keyPem, certificateBase64, root, "eighty"))
                .hasMessageContaining("clearline.transport.http.port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> http("node-a", keyPem, certificateBase64, root,
                    Integer.toString(taken.getLocalPort())))
                    .hasMessageContaining("clearline.transport.http.port").hasMessageContaining("cannot listen");
        }
    }

    @Test
    void withoutAConfiguredRootTheCentralBanksNodeTrustsItsOwnNetworkRootIdentity() {
        JdbcDataSource h2 = h2();
        ClearlineLedger.Node node = http(h2, "node-a", keyPem, certificateBase64, "", "0");
        try {
            assertThat(node.name()).isEqualTo("node-a");
            assertThat(node.transport()).isInstanceOfSatisfying(HttpTransport.class,
                    transport -> assertThat(transport.port()).isPositive());
            assertThat(new IdentityService(new Jdbc(h2), Clock.systemUTC()).find("network-root"))
                    .as("the root identity the membership publisher signs with, created once").isPresent();
        } finally {
            node.transport().close();
        }
    }

    private static ClearlineLedger.Node http(String nodeName, String keyFile, String certificateFile, String rootKey,
                                             String port) {
        return http(h2(), nodeName, keyFile, certificateFile, rootKey, port);
    }

    private static ClearlineLedger.Node http(JdbcDataSource h2, String nodeName, String keyFile,
                                             String certificateFile, String rootKey, String port) {
        // No follower here: this is the central bank's node, the one that publishes.
        return new TransportConfiguration().ledgerNode(new TransportConfiguration.TransportMode("http"), h2,
                Clock.systemUTC(), new TransportConfiguration.MembershipInForce(true, null, null),
                new StaticListableBeanFactory().getBeanProvider(MembershipFollowingConfiguration.FollowSettings.class),
                "network-root", nodeName, "127.0.0.1", port, "127.0.0.1", keyFile, certificateFile, rootKey);
    }

    private static JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
