package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.Ed25519;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MembershipVerifierTest {
    private final NetworkTesting network = new NetworkTesting();
    private final MembershipVerifier verifier = network.verifier();

    @Test
    void acceptsAListSignedByThePinnedRootWhenItHoldsNone() {
        MembershipList list = network.list(1, NetworkTesting.bank("ALPHEUAAXXX"));

        assertThat(verifier.verify(network.signed(list), OptionalLong.empty())).isEqualTo(list);
    }

    @Test
    void acceptsAnEpochAboveTheOneItHolds() {
        MembershipList list = network.list(5);

        assertThat(verifier.verify(network.signed(list), OptionalLong.of(4)).epoch()).isEqualTo(5);
    }

    @Test
    void refusesAListSignedByAnotherKey() {
        SignedMembershipList foreign = NetworkTesting.signedBy(Ed25519.generate(), network.list(1).canonicalBytes());

        assertThatThrownBy(() -> verifier.verify(foreign, OptionalLong.empty()))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.UNKNOWN_SIGNER))
                .hasMessageContaining("not by the network root");
    }

    @Test
    void refusesAListWhoseBytesWereChangedAfterSigning() {
        SignedMembershipList signed = network.signed(network.list(2));
        SignedMembershipList tampered = new SignedMembershipList(
                network.list(2, NetworkTesting.bank("MALLEUMMXXX")).canonicalBytes(), signed.signature(),
                signed.signer());

        assertThatThrownBy(() -> verifier.verify(tampered, OptionalLong.empty()))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.BAD_SIGNATURE))
                .hasMessage("the membership list's signature does not hold for its bytes");
    }

    @Test
    void refusesASignatureOfTheWrongLength() {
        SignedMembershipList signed = network.signed(network.list(2));
        SignedMembershipList truncated = new SignedMembershipList(signed.canonicalBytes(), new byte[10], signed.signer());

        assertThatThrownBy(() -> verifier.verify(truncated, OptionalLong.empty()))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.BAD_SIGNATURE));
    }

    @Test
    void refusesSignedBytesThatAreNoList() {
        SignedMembershipList garbage = NetworkTesting.signedBy(network.root,
                new CanonicalWriter().writeString("hello").toByteArray());

        assertThatThrownBy(() -> verifier.verify(garbage, OptionalLong.empty()))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.MALFORMED))
                .hasMessageStartingWith("signed, but not a membership list");
    }

    @Test
    void refusesAMemberCertificateIssuedByAnotherKey() {
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
        Ed25519.GeneratedKeyPair impostor = Ed25519.generate();
        Member forged = alpha.withCertificate(MemberCertificate.issue("network-root", alpha.name(), alpha.legalName(),
                alpha.publicKey(), NetworkTesting.T0, content -> Ed25519.sign(impostor.privateKey(), content)));

        assertThatThrownBy(() -> verifier.verify(network.signed(network.list(1, forged)), OptionalLong.empty()))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.BAD_CERTIFICATE))
                .hasMessage("the certificate of member ALPHEUAAXXX is not issued by the network root");
    }

    @Test
    void refusesTheEpochItHolds() {
        assertThatThrownBy(() -> verifier.verify(network.signed(network.list(4)), OptionalLong.of(4)))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.STALE_EPOCH))
                .hasMessage("membership list epoch 4 is not above the epoch 4 this node holds");
    }

    @Test
    void refusesAnEpochBelowTheOneItHolds() {
        assertThatThrownBy(() -> verifier.verify(network.signed(network.list(3)), OptionalLong.of(4)))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(MembershipRefusedException.Reason.STALE_EPOCH));
    }
}
