package io.clearline.flows.transport.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts exactly the certificates the network root issued, and nothing the JDK's default trust store
 * would: the root's key is pinned, as the membership list's verifier pins it. A peer must present a
 * certificate (none is refused), valid now, not a CA's, signed by the root's key; where the caller
 * knows which node it dialled ({@code expectedNode}), the certificate must name that node, which
 * stands in for host name checking (node certificates name nodes, not hosts).
 */
final class NetworkRootTrust extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkRootTrust.class);
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final PublicKey root;
    private final String expectedNode;
    private final Clock clock;

    /** @param expectedNode the node a client dialled, whose name the server's certificate must bear; null on a server */
    NetworkRootTrust(PublicKey root, String expectedNode, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.expectedNode = expectedNode;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The node a chain certifies, or a refusal saying why the chain is not the network's. */
    String certifiedNode(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        X509Certificate leaf = chain[0];
        leaf.checkValidity(Date.from(clock.instant()));
        if (leaf.getBasicConstraints() != -1) {
            throw new CertificateException("a node certificate is not a CA's: " + leaf.getSubjectX500Principal());
        }
        try {
            leaf.verify(root);
        } catch (GeneralSecurityException notByRoot) {
            throw new CertificateException("the network root did not issue the certificate of "
                    + leaf.getSubjectX500Principal(), notByRoot);
        }
        try {
            return CertificateNames.commonName(leaf);
        } catch (IllegalArgumentException unnamed) {
            throw new CertificateException(unnamed.getMessage(), unnamed);
        }
    }

    private void check(X509Certificate[] chain, String side) throws CertificateException {
        try {
            String node = certifiedNode(chain);
            if (expectedNode != null && !expectedNode.equals(node)) {
                throw new CertificateException("dialled node " + expectedNode + " but its certificate names " + node);
            }
        } catch (CertificateException refused) {
            LOG.warn("TLS handshake refused: the {} certificate is not the network's: {}", side, refused.getMessage());
            throw refused;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "server");
    }

    /** None: the root is a pinned key, not a certificate a client could pick by its issuer name. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
