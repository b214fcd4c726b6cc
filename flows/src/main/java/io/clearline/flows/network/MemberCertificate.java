package io.clearline.flows.network;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * A member's X.509 certificate, issued by the network root at admission: it binds the member's name
 * (the subject's common name) to its Ed25519 key, for peers that authenticate each other with
 * certificates (TLS). Built on BouncyCastle's ASN.1 classes (bcprov; the PKIX module is not a
 * dependency), DER-encoded, compared by its bytes.
 */
public final class MemberCertificate {
    /** A certificate of one Ed25519 key with two extensions is a few hundred bytes; more is no such certificate. */
    public static final int DER_BYTES_MAX = 4096;
    /** How long a certificate is valid from its issue; a member stays certified by re-issue before then. */
    public static final Duration VALIDITY = Duration.ofDays(2 * 365);
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));

    private final byte[] der;
    private final Certificate certificate;

    /** @throws IllegalArgumentException when {@code der} is not one DER-encoded X.509 certificate of an Ed25519 key */
    public MemberCertificate(byte[] der) {
        Objects.requireNonNull(der, "der");
        if (der.length > DER_BYTES_MAX) {
            throw new IllegalArgumentException("a member certificate has at most " + DER_BYTES_MAX + " bytes");
        }
        this.der = der.clone();
        try {
            this.certificate = Certificate.getInstance(this.der);
        } catch (RuntimeException notCertificate) {
            throw new IllegalArgumentException("not an X.509 certificate: " + notCertificate.getMessage(), notCertificate);
        }
        if (!Arrays.equals(encoded(certificate), this.der)) {
            throw new IllegalArgumentException("not a DER-encoded certificate");
        }
        if (!ED25519.equals(certificate.getSubjectPublicKeyInfo().getAlgorithm())) {
            throw new IllegalArgumentException("a member certificate certifies an Ed25519 key");
        }
    }

    /**
     * Issues the certificate of {@code subjectKey} under {@code subjectName} (its common name) and
     * {@code legalName} (its organisation), valid from {@code issuedAt} for {@link #VALIDITY}.
     *
     * @param rootSigner signs the certificate's to-be-signed bytes with the network root's Ed25519 key
     */
    public static MemberCertificate issue(String issuerName, String subjectName, String legalName,
                                          PublicKey subjectKey, Instant issuedAt, UnaryOperator<byte[]> rootSigner) {
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(serial(subjectName, subjectKey, issuedAt)));
        generator.setSignature(ED25519);
        generator.setIssuer(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, issuerName).build());
        generator.setStartDate(new Time(Date.from(issuedAt)));
        generator.setEndDate(new Time(Date.from(issuedAt.plus(VALIDITY))));
        generator.setSubject(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subjectName)
                .addRDN(BCStyle.O, legalName).build());
        generator.setSubjectPublicKeyInfo(new SubjectPublicKeyInfo(ED25519, subjectKey.encoded()));
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            generator.setExtensions(extensions.generate());
            TBSCertificate toBeSigned = generator.generateTBSCertificate();
            byte[] signature = rootSigner.apply(toBeSigned.getEncoded(ASN1Encoding.DER));
            return new MemberCertificate(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    toBeSigned, ED25519, new DERBitString(signature)}).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding in memory cannot fail", e);
        }
    }

    /** The subject's common name: the member's name. */
    public String subjectName() {
        X500Name subject = certificate.getSubject();
        return IETFUtils.valueToString(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue());
    }

    public PublicKey subjectKey() {
        return new PublicKey(certificate.getSubjectPublicKeyInfo().getPublicKeyData().getOctets());
    }

    public Instant notAfter() {
        return certificate.getEndDate().getDate().toInstant();
    }

    /** Whether {@code root}'s key signed this certificate (with Ed25519, as the certificate says). */
    public boolean issuedBy(PublicKey root) {
        if (!ED25519.equals(certificate.getSignatureAlgorithm())) {
            return false;
        }
        try {
            return Ed25519.verify(root, certificate.getTBSCertificate().getEncoded(ASN1Encoding.DER),
                    certificate.getSignature().getOctets());
        } catch (IOException e) {
            throw new UncheckedIOException("encoding in memory cannot fail", e);
        }
    }

    /** The certificate as the JDK reads it, for TLS and key stores. */
    public X509Certificate toX509() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a member certificate the JDK cannot read", e);
        }
    }

    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberCertificate certificate && Arrays.equals(der, certificate.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "MemberCertificate[" + subjectName() + "]";
    }

    private static byte[] encoded(Certificate certificate) {
        try {
            return certificate.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding in memory cannot fail", e);
        }
    }

    /** Positive, at most 128 bits (RFC 5280 allows 20 octets), and different for each name, key and issue. */
    private static BigInteger serial(String subjectName, PublicKey subjectKey, Instant issuedAt) {
        String digest = Ed25519.sha256Hex((subjectName + "|" + subjectKey.base64() + "|" + issuedAt)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new BigInteger(digest.substring(0, 32), 16).setBit(0);
    }
}
