package io.clearline.flows.ledger;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Where a transaction id sits in a notary batch: its leaf index, the batch size and the sibling
 * hashes from the leaf up (hex). With the id they give the batch's Merkle root, which is what the
 * notary signed once for the whole batch.
 */
public record BatchProof(int leafIndex, int leafCount, List<String> siblingsHex) {
    /** Transaction ids in one signed batch at most; bounds a proof to 20 hashes. */
    public static final int BATCH_LEAVES_MAX = 1 << 20;
    /** Prefixed to a batch root before signing, so a batch signature can never pass for a signature over an id. */
    static final String SIGNED_ROOT_PREFIX = "clearline.notary.batch.v1:";

    public BatchProof {
        siblingsHex = List.copyOf(siblingsHex);
        if (leafCount < 1 || leafCount > BATCH_LEAVES_MAX || leafIndex < 0 || leafIndex >= leafCount) {
            throw new IllegalArgumentException("leaf " + leafIndex + " of a batch of " + leafCount);
        }
        // The tree is padded to a power of two leaves; a proof has one sibling per level below the root.
        int paddedLeafCount = leafCount == 1 ? 1 : Integer.highestOneBit(leafCount - 1) * 2;
        int depth = Integer.numberOfTrailingZeros(paddedLeafCount);
        if (siblingsHex.size() != depth) {
            throw new IllegalArgumentException("a batch of " + leafCount + " has proofs of " + depth + " hashes, not "
                    + siblingsHex.size());
        }
    }

    /** The batch root this proof gives for {@code transactionId}, hex. */
    public String root(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        byte[] hash = MerkleHashes.batchLeaf(transactionId);
        int index = leafIndex;
        for (String siblingHex : siblingsHex) {
            byte[] sibling = HexFormat.of().parseHex(siblingHex);
            hash = (index & 1) == 0 ? MerkleHashes.node(hash, sibling) : MerkleHashes.node(sibling, hash);
            index >>>= 1;
        }
        return MerkleHashes.hex(hash);
    }

    /** The message a notary signs for a batch with that root. */
    public static String signedMessage(String rootHex) {
        return SIGNED_ROOT_PREFIX + rootHex;
    }

    /** A batch's root (hex) and each member's proof, in the order of {@code transactionIds}. */
    public record Tree(String rootHex, List<BatchProof> proofs) {
    }

    public static Tree of(List<String> transactionIds) {
        if (transactionIds.isEmpty() || transactionIds.size() > BATCH_LEAVES_MAX) {
            throw new IllegalArgumentException("a batch has 1 to " + BATCH_LEAVES_MAX + " ids: " + transactionIds.size());
        }
        List<List<byte[]>> levels = MerkleHashes.levels(transactionIds.stream().map(MerkleHashes::batchLeaf).toList());
        List<BatchProof> proofs = new ArrayList<>(transactionIds.size());
        for (int leaf = 0; leaf < transactionIds.size(); leaf++) {
            List<String> siblings = new ArrayList<>(levels.size() - 1);
            int index = leaf;
            for (List<byte[]> level : levels.subList(0, levels.size() - 1)) {
                siblings.add(MerkleHashes.hex(level.get(index ^ 1)));
                index >>>= 1;
            }
            proofs.add(new BatchProof(leaf, transactionIds.size(), siblings));
        }
        return new Tree(MerkleHashes.hex(levels.get(levels.size() - 1).get(0)), proofs);
    }
}
