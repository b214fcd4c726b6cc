package io.clearline.flows.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A transaction with some component groups revealed and the rest hidden behind their Merkle roots.
 * Whoever receives one calls {@link #verify()} first: it recomputes each revealed group's root from
 * its components and their nonces, and the id from all group roots. A revealed group is always
 * revealed whole, so "all inputs are visible" follows from "the inputs group is revealed".
 *
 * <p>Hidden groups show only a salted root: with the per-component nonces kept back, nobody can
 * confirm a guessed amount by hashing it.
 */
public record FilteredTransaction(String id, List<String> groupRoots, Map<ComponentGroup, RevealedGroup> revealed) {

    /** A group's components in order, each with the nonce that salted its leaf. */
    public record RevealedGroup(List<byte[]> components, List<byte[]> nonces) {
        public RevealedGroup {
            components = List.copyOf(components);
            nonces = List.copyOf(nonces);
            if (components.size() != nonces.size()) {
                throw new IllegalArgumentException("every revealed component comes with its nonce");
            }
        }
    }

    public FilteredTransaction {
        Objects.requireNonNull(id, "id");
        groupRoots = List.copyOf(groupRoots);
        revealed = revealed.isEmpty() ? Map.of() : new EnumMap<>(revealed);
        if (groupRoots.size() != ComponentGroup.values().length) {
            throw new IllegalArgumentException("a filtered transaction carries one root per component group");
        }
    }

    /**
     * @throws SignatureException when a revealed group does not hash to its root, or the roots not to the id
     */
    public void verify() {
        for (Map.Entry<ComponentGroup, RevealedGroup> group : revealed.entrySet()) {
            byte[] computed = MerkleHashes.groupRoot(group.getValue().components(), group.getValue().nonces());
            byte[] claimed = HexFormat.of().parseHex(groupRoots.get(group.getKey().ordinal()));
            if (!Arrays.equals(computed, claimed)) {
                throw new SignatureException("revealed " + group.getKey() + " of transaction " + id
                        + " do not match their Merkle root");
            }
        }
        List<byte[]> roots = groupRoots.stream().map(HexFormat.of()::parseHex).toList();
        String computedId = MerkleHashes.hex(MerkleHashes.root(roots));
        if (!computedId.equals(id)) {
            throw new SignatureException("component roots of transaction " + id + " hash to " + computedId);
        }
    }

    public boolean reveals(ComponentGroup group) {
        return revealed.containsKey(group);
    }

    /** @throws IllegalStateException naming the groups that are hidden */
    public void requireRevealed(Set<ComponentGroup> groups) {
        Set<ComponentGroup> hidden = new LinkedHashSet<>(groups);
        hidden.removeAll(revealed.keySet());
        if (!hidden.isEmpty()) {
            throw new IllegalStateException("transaction " + id + " hides " + hidden);
        }
    }

    public List<StateRef> inputs() {
        return components(ComponentGroup.INPUTS).stream().map(TransactionComponents::input).toList();
    }

    public Party notary() {
        List<byte[]> notary = components(ComponentGroup.NOTARY);
        if (notary.size() != 1) {
            throw new SignatureException("transaction " + id + " names " + notary.size() + " notaries, not one");
        }
        return TransactionComponents.notary(notary.get(0));
    }

    public Optional<TimeWindow> timeWindow() {
        List<byte[]> window = components(ComponentGroup.TIME_WINDOW);
        if (window.size() > 1) {
            throw new SignatureException("transaction " + id + " has " + window.size() + " time windows");
        }
        return window.stream().map(TransactionComponents::timeWindow).findFirst();
    }

    /** Every key some command requires, in order of first appearance (needs the signers group only). */
    public Set<PublicKey> requiredSigners() {
        Set<PublicKey> keys = new LinkedHashSet<>();
        components(ComponentGroup.SIGNERS).forEach(component -> keys.addAll(TransactionComponents.signers(component)));
        return keys;
    }

    /** The revealed components of a group, encoded. */
    public List<byte[]> components(ComponentGroup group) {
        RevealedGroup found = revealed.get(group);
        if (found == null) {
            throw new IllegalStateException("transaction " + id + " hides " + group);
        }
        return new ArrayList<>(found.components());
    }
}
