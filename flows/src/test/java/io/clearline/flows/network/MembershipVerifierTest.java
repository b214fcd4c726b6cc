package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.network.MembershipRefusedException.Reason;
import io.clearline.flows.ledger.Ed25519;
import java.util.OptionalLong;
import org.assertj.core.api.AbstractThrowableAssert;
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

        assertRefused(foreign, OptionalLong.empty(), Reason.UNKNOWN_SIGNER)
                .hasMessageContaining("not by the network root");
    }

    @Test
    void refusesAListWhoseBytesWereChangedAfterSigning() {
        SignedMembershipList signed = network.signed(network.list(2));
        SignedMembershipList tampered = new SignedMembershipList(
                network.list(2, NetworkTesting.bank("MALLEUMMXXX")).canonicalBytes(), signed.signature(),
                signed.signer());

        assertRefused(tampered, OptionalLong.empty(), Reason.BAD_SIGNATURE)
                .hasMessage("the membership list's signature does not hold for its bytes");
    }

    @Test
    void refusesASignatureOfTheWrongLength() {
        SignedMembershipList signed = network.signed(network.list(2));
        SignedMembershipList truncated = new SignedMembershipList(signed.canonicalBytes(), new byte[10], signed.signer());

        assertRefused(truncated, OptionalLong.empty(), Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesSignedBytesThatAreNoList() {
        SignedMembershipList garbage = NetworkTesting.signedBy(network.root,
                new CanonicalWriter().writeString("hello").toByteArray());

        assertRefused(garbage, OptionalLong.empty(), Reason.MALFORMED)
                .hasMessageStartingWith("signed, but not a membership list");
    }

    @Test
    void refusesAMemberCertificateIssuedByAnotherKey() {
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
        Ed25519.GeneratedKeyPair impostor = Ed25519.generate();
        Member forged = alpha.withCertificate(MemberCertificate.issue("network-root", alpha.name(), alpha.legalName(),
                alpha.publicKey(), NetworkTesting.T0, content -> Ed25519.sign(impostor.privateKey(), content)));

        assertRefused(network.signed(network.list(1, forged)), OptionalLong.empty(), Reason.BAD_CERTIFICATE)
                .hasMessage("the certificate of member ALPHEUAAXXX is not issued by the network root");
    }

    @Test
    void refusesTheEpochItHolds() {
        assertRefused(network.signed(network.list(4)), OptionalLong.of(4), Reason.STALE_EPOCH)
                .hasMessage("membership list epoch 4 is not above the epoch 4 this node holds");
    }

    @Test
    void refusesAnEpochBelowTheOneItHolds() {
        assertRefused(network.signed(network.list(3)), OptionalLong.of(4), Reason.STALE_EPOCH);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(SignedMembershipList candidate,
                                                                          OptionalLong heldEpoch, Reason reason) {
        return assertThatThrownBy(() -> verifier.verify(candidate, heldEpoch))
                .isInstanceOfSatisfying(MembershipRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
