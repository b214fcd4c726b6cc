package io.clearline.ops.transport;

import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.LedgerSchema;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.flows.transport.http.HttpTransport;
import io.clearline.flows.transport.http.HttpTransportSettings;
import io.clearline.flows.transport.http.TlsIdentity;
import io.clearline.ops.network.MembershipFollowingConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The transport this node's ledger sessions travel on ({@code clearline.transport.mode}): {@code in-memory}
 * (the default, the embedded single-process network: every party on node {@code local}, sessions on an
 * in-memory loopback) or {@code http} (the networked transport: HTTP/2 over mutual TLS 1.3, this node's
 * certificate issued by the network root, peers found in the membership list this node publishes or
 * follows; see {@link NodePeers}). A value that is wrong stops the node at start, naming the property.
 * The ledger closes the transport when it closes.
 */
@Configuration
public class TransportConfiguration {
    public static final String MODE_PROPERTY = "clearline.transport.mode";
    static final String HTTP = "clearline.transport.http.";
    private static final Logger log = LoggerFactory.getLogger(TransportConfiguration.class);

    /** The configured mode, checked at start. */
    public record TransportMode(String value) {
        public TransportMode {
            if (!"in-memory".equals(value) && !"http".equals(value)) {
                throw new IllegalArgumentException(MODE_PROPERTY + " is in-memory or http, not '" + value + "'");
            }
        }

        boolean http() {
            return "http".equals(value);
        }
    }

    @Bean
    TransportMode transportMode(@Value("${" + MODE_PROPERTY + ":in-memory}") String mode) {
        return new TransportMode(mode.strip());
    }

    /** The membership list in force, as the networked transport finds peers in it (unused in memory). */
    @Bean
    MembershipInForce membershipInForce(TransportMode mode, ObjectProvider<NetworkMembership> followed,
                                        ObjectProvider<MembershipPublisher> publisher) {
        return new MembershipInForce(mode.http(), followed, publisher);
    }

    @Bean
    ClearlineLedger.Node ledgerNode(TransportMode mode, DataSource dataSource, Clock clock,
                                    MembershipInForce membership,
                                    ObjectProvider<MembershipFollowingConfiguration.FollowSettings> followSettings,
                                    @Value("${clearline.network.membership.root-name}") String rootName,
                                    @Value("${" + HTTP + "node-name:}") String nodeName,
                                    @Value("${" + HTTP + "bind-host:0.0.0.0}") String bindHost,
                                    @Value("${" + HTTP + "port:0}") String port,
                                    @Value("${" + HTTP + "advertised-host:127.0.0.1}") String advertisedHost,
                                    @Value("${" + HTTP + "key-file:}") String keyFile,
                                    @Value("${" + HTTP + "certificate-file:}") String certificateFile,
                                    @Value("${" + HTTP + "network-root-public-key:}") String rootPublicKey) {
        if (!mode.http()) {
            return ClearlineLedger.Node.embedded();
        }
        if (nodeName.isBlank()) {
            throw new IllegalArgumentException(HTTP + "node-name is required when " + MODE_PROPERTY
                    + "=http: the name the node's TLS certificate names");
        }
        PrivateKey key = TlsMaterial.ed25519PrivateKey(HTTP + "key-file", keyFile);
        X509Certificate certificate = TlsMaterial.certificate(HTTP + "certificate-file", certificateFile);
        TlsIdentity identity;
        try {
            identity = new TlsIdentity(nodeName.strip(), key, certificate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HTTP + "node-name, " + HTTP + "key-file and " + HTTP
                    + "certificate-file do not make a TLS identity: " + e.getMessage(), e);
        }
        Jdbc jdbc = new Jdbc(dataSource);
        PublicKey root = rootPublicKey.isBlank()
                ? pinnedByMembership(jdbc, clock, rootName, followSettings)
                : TlsMaterial.rootPublicKey(HTTP + "network-root-public-key", rootPublicKey);
        HttpTransportSettings settings = HttpTransportSettings.LOOPBACK.withPort(port(port))
                .withBindHost(bindHost.strip());
        IdentityService hosted = new IdentityService(jdbc, clock);
        NodePeers peers = new NodePeers(identity.nodeName(), party -> hosted.find(party).isPresent(),
                membership::current);
        HttpTransport transport;
        try {
            transport = HttpTransport.start(identity, NetworkTls.rootKey(root), peers, peers, settings, clock);
        } catch (IllegalStateException cannotListen) {
            throw new IllegalArgumentException(HTTP + "bind-host / " + HTTP + "port: " + cannotListen.getMessage(),
                    cannotListen);
        }
        URI self = URI.create("https://" + advertisedHost.strip() + ":" + transport.port());
        peers.listeningAt(self);
        log.info("Networked transport: node {} listening on {}:{} (reached by itself at {}), trusting network root {}",
                identity.nodeName(), bindHost, transport.port(), self, root.base64());
        return ClearlineLedger.Node.on(identity.nodeName(), transport, peers);
    }

    @Bean
    TransportMetrics transportMetrics(MeterRegistry registry, ClearlineLedger.Node node) {
        return new TransportMetrics(registry, node.name(), node.transport());
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException("out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HTTP + "port is 0 (any free port) to 65535, not '" + value + "'", e);
        }
    }

    /**
     * Without a configured key, the root this node's membership list is signed by: the one a follower
     * pins, or on the central bank's node its own root identity (created here if this is the node's
     * first start, as the membership publisher would a moment later; the ledger's tables are created
     * if missing, as the ledger would).
     */
    private static PublicKey pinnedByMembership(Jdbc jdbc, Clock clock, String rootName,
                                                ObjectProvider<MembershipFollowingConfiguration.FollowSettings> follow) {
        MembershipFollowingConfiguration.FollowSettings settings = follow.getIfAvailable();
        if (settings != null) {
            return settings.networkRoot();
        }
        LedgerSchema.create(jdbc);
        return new IdentityService(jdbc, clock).getOrCreate(rootName).publicKey();
    }

    /**
     * The membership list the transport finds peers in: the followed list (kept current by the follower),
     * or on the central bank's node the list it publishes, read again every
     * {@code clearline.transport.http.membership-refresh-interval} (a publication is seen within it).
     */
    static final class MembershipInForce {
        private final boolean used;
        private final ObjectProvider<NetworkMembership> followed;
        private final ObjectProvider<MembershipPublisher> publisher;
        private final NetworkMembership published = NetworkMembership.none();

        /** @param used false in memory, where nobody asks and the published list is not read again */
        MembershipInForce(boolean used, ObjectProvider<NetworkMembership> followed,
                          ObjectProvider<MembershipPublisher> publisher) {
            this.used = used;
            this.followed = followed;
            this.publisher = publisher;
        }

        Optional<NetworkMembership> current() {
            NetworkMembership following = followed.getIfAvailable();
            return Optional.of(following != null ? following : published);
        }

        @Scheduled(initialDelay = 0, fixedDelayString = "${" + HTTP + "membership-refresh-interval:PT2S}")
        void refreshPublished() {
            if (!used) {
                return;
            }
            MembershipPublisher own = publisher.getIfAvailable();
            if (own != null) {
                try {
                    own.latest().ifPresent(published::accepted);
                } catch (RuntimeException e) {
                    // The next run reads again; the transport keeps the list it had.
                    log.warn("reading the published membership list for the transport failed", e);
                }
            }
        }
    }
}
