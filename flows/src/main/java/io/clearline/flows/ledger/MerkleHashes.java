package io.clearline.flows.ledger;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The hashing behind transaction ids: salted component leaves, binary Merkle trees padded with the
 * zero hash. Leaves, inner nodes and nonces each start with their own domain byte, so a leaf can
 * never be passed off as a subtree (or the reverse) to forge a proof.
 */
final class MerkleHashes {
    static final int HASH_BYTES = 32;
    /** The root of an empty group and the padding of a tree to a power of two. */
    static final byte[] ZERO_HASH = new byte[HASH_BYTES];

    private static final byte LEAF_DOMAIN = 0;
    private static final byte NODE_DOMAIN = 1;
    private static final byte NONCE_DOMAIN = 2;
    /** A transaction id as a leaf of a notary batch: never confusable with a component leaf. */
    private static final byte BATCH_LEAF_DOMAIN = 3;

    private MerkleHashes() {
    }

    /**
     * A component's own salt: derived from the transaction's privacy salt and the component's
     * position, so revealing one component's nonce reveals nothing about the others'.
     */
    static byte[] nonce(byte[] privacySalt, ComponentGroup group, int componentIndex) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(NONCE_DOMAIN);
        digest.update(privacySalt, 0, privacySalt.length);
        updateInt(digest, group.ordinal());
        updateInt(digest, componentIndex);
        return finish(digest);
    }

    static byte[] leaf(byte[] nonce, byte[] component) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(LEAF_DOMAIN);
        digest.update(nonce, 0, nonce.length);
        digest.update(component, 0, component.length);
        return finish(digest);
    }

    /** The root over leaves in order; no leaves gives the zero hash. */
    static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return ZERO_HASH.clone();
        }
        List<byte[]> level = new ArrayList<>(leaves);
        while (Integer.bitCount(level.size()) != 1) {
            level.add(ZERO_HASH);
        }
        while (level.size() > 1) {
            List<byte[]> parents = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                parents.add(node(level.get(i), level.get(i + 1)));
            }
            level = parents;
        }
        return level.get(0);
    }

    /** The root of one group from its components, each salted with its own nonce. */
    static byte[] groupRoot(List<byte[]> components, List<byte[]> nonces) {
        if (components.size() != nonces.size()) {
            throw new IllegalArgumentException(components.size() + " components but " + nonces.size() + " nonces");
        }
        List<byte[]> leaves = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            leaves.add(leaf(nonces.get(i), components.get(i)));
        }
        return root(leaves);
    }

    static byte[] batchLeaf(String transactionId) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(BATCH_LEAF_DOMAIN);
        byte[] id = transactionId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        digest.update(id, 0, id.length);
        return finish(digest);
    }

    /**
     * Every level of the tree over {@code leaves}, padded with the zero hash to a power of two: the
     * leaves first, the root last (a list of one). At least one leaf.
     */
    static List<List<byte[]>> levels(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a tree has at least one leaf");
        }
        List<byte[]> level = new ArrayList<>(leaves);
        while (Integer.bitCount(level.size()) != 1) {
            level.add(ZERO_HASH);
        }
        List<List<byte[]>> levels = new ArrayList<>();
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> parents = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                parents.add(node(level.get(i), level.get(i + 1)));
            }
            levels.add(parents);
            level = parents;
        }
        return levels;
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    static byte[] node(byte[] left, byte[] right) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(NODE_DOMAIN);
        digest.update(left, 0, left.length);
        digest.update(right, 0, right.length);
        return finish(digest);
    }

    private static void updateInt(SHA256Digest digest, int value) {
        digest.update((byte) (value >>> 24));
        digest.update((byte) (value >>> 16));
        digest.update((byte) (value >>> 8));
        digest.update((byte) value);
    }

    private static byte[] finish(SHA256Digest digest) {
        byte[] hash = new byte[HASH_BYTES];
        digest.doFinal(hash, 0);
        return hash;
    }
}
