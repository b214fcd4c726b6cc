package io.clearline.ops.network;

import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.network.SignedMembershipList;
import java.util.Base64;
import java.util.Objects;

/**
 * The signed membership list as {@code GET /api/network/membership} serves it: the canonical bytes,
 * the signature and the signer's key, each base64. {@code epoch} is there for people reading it; a
 * follower trusts only what it verifies, and the epoch it acts on is the one inside the signed bytes.
 */
public record MembershipDocument(long epoch, String canonicalList, String signature, String signer) {
    public MembershipDocument {
        Objects.requireNonNull(canonicalList, "canonicalList");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signer, "signer");
    }

    static MembershipDocument of(long epoch, SignedMembershipList signed) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new MembershipDocument(epoch, base64.encodeToString(signed.canonicalBytes()),
                base64.encodeToString(signed.signature()), signed.signer().base64());
    }

    /** @throws IllegalArgumentException when a field is not base64 or the signer is no Ed25519 key */
    SignedMembershipList signed() {
        Base64.Decoder base64 = Base64.getDecoder();
        return new SignedMembershipList(base64.decode(canonicalList), base64.decode(signature),
                PublicKey.fromBase64(signer));
    }
}
