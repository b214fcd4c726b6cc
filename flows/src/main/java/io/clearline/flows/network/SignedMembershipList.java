package io.clearline.flows.network;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import java.util.Objects;

/**
 * A membership list as it travels and is stored: its canonical bytes, the Ed25519 signature over them
 * and the key that claims to have made it. Nothing here is trusted until a {@link MembershipVerifier}
 * has accepted it.
 */
public record SignedMembershipList(byte[] canonicalBytes, byte[] signature, PublicKey signer) {
    /**
     * Separates what the network key signs from anything else an Ed25519 key signs (transaction ids),
     * so that no signature of one kind can be passed off as the other.
     */
    private static final String SIGNING_CONTEXT = "clearline-membership-list-sha256:";

    public SignedMembershipList {
        Objects.requireNonNull(canonicalBytes, "canonicalBytes");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signer, "signer");
        canonicalBytes = canonicalBytes.clone();
        signature = signature.clone();
    }

    /** What the network key signs for these bytes: the context and their SHA-256, as text. */
    public static String signingMessage(byte[] canonicalBytes) {
        return SIGNING_CONTEXT + Ed25519.sha256Hex(canonicalBytes);
    }

    @Override
    public byte[] canonicalBytes() {
        return canonicalBytes.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    boolean sameBytesAs(SignedMembershipList other) {
        return java.util.Arrays.equals(canonicalBytes, other.canonicalBytes)
                && java.util.Arrays.equals(signature, other.signature) && signer.equals(other.signer);
    }
}
