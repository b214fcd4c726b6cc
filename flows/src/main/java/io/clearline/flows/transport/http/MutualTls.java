package io.clearline.flows.transport.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * TLS 1.3 contexts in which a node shows its {@link TlsIdentity} and trusts only the network root.
 * TLS 1.3 alone: it is the version the JDK signs with Ed25519 in, and it has no weak suites to exclude.
 */
final class MutualTls {
    static final String PROTOCOL = "TLSv1.3";

    private MutualTls() {
    }

    /** @param expectedPeer the node a client dials (its certificate must name it); null for a server */
    static SSLContext context(TlsIdentity identity, PublicKey root, String expectedPeer, Clock clock) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new KeyManager[] {new SingleKeyManager(identity)},
                    new TrustManager[] {new NetworkRootTrust(root, expectedPeer, clock)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + PROTOCOL, e);
        }
    }

    static SSLParameters parameters(boolean needClientCertificate) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        parameters.setNeedClientAuth(needClientCertificate);
        return parameters;
    }

    /** Offers the node's one Ed25519 key whenever the handshake asks for one of that type. */
    private static final class SingleKeyManager extends X509ExtendedKeyManager {
        private final TlsIdentity identity;

        SingleKeyManager(TlsIdentity identity) {
            this.identity = identity;
        }

        private String aliasFor(String... keyTypes) {
            boolean edDsa = keyTypes != null && Arrays.stream(keyTypes)
                    .anyMatch(type -> type != null && (type.equalsIgnoreCase("EdDSA") || type.equalsIgnoreCase("Ed25519")));
            return edDsa ? identity.nodeName() : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            String alias = aliasFor(keyType);
            return alias == null ? null : new String[] {alias};
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return aliasFor(keyTypes);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyTypes);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return identity.nodeName().equals(alias) ? new X509Certificate[] {identity.certificate()} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.nodeName().equals(alias) ? identity.privateKey() : null;
        }
    }
}
