package io.clearline.flows.transport.http;

import java.security.Key;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reads the node name (the subject's common name) out of a certificate, and tells Ed25519 keys apart. */
final class CertificateNames {
    private CertificateNames() {
    }

    /** @throws IllegalArgumentException when the subject has no single common name */
    static String commonName(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        String found = null;
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    if (found != null) {
                        throw new IllegalArgumentException("a node certificate has one common name: " + subject);
                    }
                    found = rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("an unreadable certificate subject: " + subject, e);
        }
        if (found == null || found.isBlank()) {
            throw new IllegalArgumentException("a node certificate names its node as common name: " + subject);
        }
        return found;
    }

    static boolean isEd25519(Key key) {
        return key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519");
    }
}
