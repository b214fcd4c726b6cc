package io.clearline.flows.network;

import io.clearline.flows.ledger.Party;
import java.util.Optional;

/**
 * The membership list in force at this node, as the ledger consults it: to resolve a party it does
 * not host, and to refuse a counterparty the list suspends or does not name. A node that follows no
 * list (every identity hosted in one process) uses {@link #none()}, which refuses nobody.
 */
public final class NetworkMembership implements MembershipListener {
    private volatile MembershipList current;

    private NetworkMembership(MembershipList current) {
        this.current = current;
    }

    /** Follows no list: the ledger decides on its own hosted identities alone. */
    public static NetworkMembership none() {
        return new NetworkMembership(null);
    }

    /** Starts from the list held in {@code store}, if any, then follows what it is told. */
    public static NetworkMembership from(MembershipStore store, MembershipVerifier verifier) {
        return new NetworkMembership(store.latest()
                .map(signed -> verifier.verify(signed, java.util.OptionalLong.empty())).orElse(null));
    }

    @Override
    public synchronized void accepted(MembershipList list) {
        MembershipList held = current;
        if (held == null || list.epoch() > held.epoch()) {
            current = list;
        }
    }

    public Optional<MembershipList> current() {
        return Optional.ofNullable(current);
    }

    /** The listed party of that name (active or suspended); empty if no list is held or it is not listed. */
    public Optional<Party> party(String name) {
        return current().flatMap(list -> list.party(name));
    }

    /**
     * Why {@code party} may not be a counterparty now, or empty if it may: under a held list it must be
     * listed, with the same key, and active.
     */
    public Optional<String> refusalOf(Party party) {
        return refusalOf(party.name(), Optional.of(party));
    }

    /**
     * Why the party named {@code name} may not be a counterparty now, or empty if it may: under a held
     * list it must be listed and active. For a party known by name only (the sender of a session's
     * opening, say), whose key is checked where it signs.
     */
    public Optional<String> refusalOf(String name) {
        return refusalOf(name, Optional.empty());
    }

    private Optional<String> refusalOf(String name, Optional<Party> withKey) {
        MembershipList list = current;
        if (list == null) {
            return Optional.empty();
        }
        Optional<Member> member = list.member(name);
        if (member.isEmpty()) {
            return Optional.of(name + " is not a member in membership list epoch " + list.epoch());
        }
        if (withKey.isPresent() && !member.get().publicKey().equals(withKey.get().publicKey())) {
            return Optional.of(name + " signs with a key other than its key in membership list epoch "
                    + list.epoch());
        }
        if (member.get().status() == MemberStatus.SUSPENDED) {
            return Optional.of(name + " is suspended in membership list epoch " + list.epoch());
        }
        return Optional.empty();
    }
}
