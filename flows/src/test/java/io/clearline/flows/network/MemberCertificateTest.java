package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class MemberCertificateTest {
    private final Ed25519.GeneratedKeyPair root = Ed25519.generate();
    private final PublicKey bankKey = Ed25519.generate().publicKey();
    private final MemberCertificate certificate = MemberCertificate.issue("network-root", "ALPHEUAAXXX", "Alpha Bank",
            bankKey, NetworkTesting.T0, content -> Ed25519.sign(root.privateKey(), content));

    @Test
    void certifiesTheMembersNameAndKey() {
        assertThat(certificate.subjectName()).isEqualTo("ALPHEUAAXXX");
        assertThat(certificate.subjectKey()).isEqualTo(bankKey);
    }

    @Test
    void isIssuedByTheRootAndNoOtherKey() {
        assertThat(certificate.issuedBy(root.publicKey())).isTrue();
        assertThat(certificate.issuedBy(Ed25519.generate().publicKey())).isFalse();
    }

    @Test
    void theJdkReadsItAsAnEndEntityCertificateForSignaturesAndVerifiesTheRootsSignature() throws Exception {
        X509Certificate x509 = certificate.toX509();

        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("O=Alpha Bank,CN=ALPHEUAAXXX");
        assertThat(x509.getIssuerX500Principal().getName()).isEqualTo("CN=network-root");
        assertThat(x509.getBasicConstraints()).as("not a certificate authority").isEqualTo(-1);
        assertThat(x509.getKeyUsage()[0]).as("digital signature").isTrue();
        assertThat(x509.getNotBefore().toInstant()).isEqualTo(NetworkTesting.T0);
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(NetworkTesting.T0.plus(MemberCertificate.VALIDITY));
        x509.verify(jdkKey(root.publicKey()));
    }

    @Test
    void isValidForTwoYears() {
        assertThat(MemberCertificate.VALIDITY).isEqualTo(Duration.ofDays(730));
        assertThat(certificate.notAfter()).isEqualTo(NetworkTesting.T0.plus(MemberCertificate.VALIDITY));
    }

    @Test
    void readsBackFromItsDerBytes() {
        assertThat(new MemberCertificate(certificate.der())).isEqualTo(certificate);
    }

    @Test
    void bytesThatAreNoCertificateAreRefused() {
        assertThatThrownBy(() -> new MemberCertificate(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an X.509 certificate");
    }

    @Test
    void moreBytesThanTheLimitAreRefusedUnread() {
        assertThatThrownBy(() -> new MemberCertificate(new byte[MemberCertificate.DER_BYTES_MAX + 1]))
                .hasMessage("a member certificate has at most 4096 bytes");
    }

    @Test
    void aMemberCarriesOnlyTheCertificateOfItsOwnNameAndKey() {
        assertThatThrownBy(() -> new Member("ALPHEUAAXXX", "Alpha Bank", "ALPHEUAAXXX", MemberRole.BANK,
                Ed25519.generate().publicKey(), MemberStatus.ACTIVE, List.of(), certificate))
                .hasMessage("member ALPHEUAAXXX: its certificate certifies its name and key");
    }

    private static java.security.PublicKey jdkKey(PublicKey key) throws Exception {
        byte[] encoded = new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112")),
                key.encoded()).getEncoded();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
