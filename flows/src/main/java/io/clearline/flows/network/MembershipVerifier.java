package io.clearline.flows.network;

import static io.clearline.flows.network.MembershipRefusedException.Reason.BAD_CERTIFICATE;
import static io.clearline.flows.network.MembershipRefusedException.Reason.BAD_SIGNATURE;
import static io.clearline.flows.network.MembershipRefusedException.Reason.MALFORMED;
import static io.clearline.flows.network.MembershipRefusedException.Reason.STALE_EPOCH;
import static io.clearline.flows.network.MembershipRefusedException.Reason.UNKNOWN_SIGNER;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decides whether a node takes a membership list, against the network root key it pins (from its
 * configuration, never from the list itself): signed by that key, a valid signature over the bytes,
 * the bytes a canonical list, every member's certificate issued by that key, and an epoch above the
 * one held.
 */
public final class MembershipVerifier {
    private final PublicKey networkRoot;

    public MembershipVerifier(PublicKey networkRoot) {
        this.networkRoot = Objects.requireNonNull(networkRoot, "networkRoot");
    }

    public PublicKey networkRoot() {
        return networkRoot;
    }

    /**
     * The list, once it passes every rule.
     *
     * @param heldEpoch the epoch of the list this node holds, empty if it holds none
     * @throws MembershipRefusedException naming the rule the candidate breaks
     */
    public MembershipList verify(SignedMembershipList candidate, OptionalLong heldEpoch) {
        if (!candidate.signer().equals(networkRoot)) {
            throw new MembershipRefusedException(UNKNOWN_SIGNER, "membership list signed by "
                    + candidate.signer().base64() + ", not by the network root " + networkRoot.base64());
        }
        byte[] bytes = candidate.canonicalBytes();
        if (!Ed25519.verify(networkRoot, SignedMembershipList.signingMessage(bytes), candidate.signature())) {
            throw new MembershipRefusedException(BAD_SIGNATURE,
                    "the membership list's signature does not hold for its bytes");
        }
        MembershipList list;
        try {
            list = MembershipList.fromCanonicalBytes(bytes);
        } catch (IllegalArgumentException malformed) {
            throw new MembershipRefusedException(MALFORMED, "signed, but " + malformed.getMessage());
        }
        for (Member member : list.members()) {
            if (member.certificate() != null && !member.certificate().issuedBy(networkRoot)) {
                throw new MembershipRefusedException(BAD_CERTIFICATE, "the certificate of member " + member.name()
                        + " is not issued by the network root");
            }
        }
        if (heldEpoch.isPresent() && list.epoch() <= heldEpoch.getAsLong()) {
            throw new MembershipRefusedException(STALE_EPOCH, "membership list epoch " + list.epoch()
                    + " is not above the epoch " + heldEpoch.getAsLong() + " this node holds");
        }
        return list;
    }
}
