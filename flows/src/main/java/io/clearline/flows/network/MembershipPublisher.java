package io.clearline.flows.network;

import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Party;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * The central bank's side: signs each new epoch of the membership list with the network root key (a
 * key of its own, hosted by this node's identity service, never a ledger signing key) and stores it
 * as the list in force, which followers then fetch. Each change names its cause (an event's id); a
 * cause seen before changes nothing, so that a change delivered twice (after a restart, say) is never
 * published as a second epoch. Every member it lists without a certificate from this root (a new
 * member, or one whose key changed) is issued one, valid for {@link MemberCertificate#VALIDITY}.
 */
public final class MembershipPublisher {
    /** The cause of the first epoch, the network's founding members. */
    public static final String GENESIS = "genesis";

    private final MembershipStore store;
    private final IdentityService identities;
    private final Party networkRoot;
    private final MembershipVerifier verifier;
    private final Clock clock;

    public MembershipPublisher(MembershipStore store, IdentityService identities, Party networkRoot, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.networkRoot = Objects.requireNonNull(networkRoot, "networkRoot");
        this.verifier = new MembershipVerifier(networkRoot.publicKey());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key followers pin to accept this publisher's lists. */
    public Party networkRoot() {
        return networkRoot;
    }

    /** The list in force, as signed and stored. */
    public Optional<SignedMembershipList> latestSigned() {
        return store.latest();
    }

    /** The list in force, read back through the same rules a follower applies. */
    public Optional<MembershipList> latest() {
        return store.latest().map(signed -> verifier.verify(signed, OptionalLong.empty()));
    }

    /** Publishes epoch 1 with these parameters and founding members, unless a list exists already. */
    public synchronized Optional<MembershipList> publishGenesis(NetworkParameters parameters, List<Member> members) {
        if (parameters.epoch() != 1) {
            throw new IllegalArgumentException("the first list is epoch 1, not " + parameters.epoch());
        }
        if (store.latest().isPresent()) {
            return Optional.empty();
        }
        return publish(GENESIS, new MembershipList(parameters, members));
    }

    /**
     * Publishes the next epoch with {@code change} applied to the members, once per {@code cause}.
     *
     * @return the new list, or empty if {@code cause} was published before
     * @throws IllegalStateException if no list was published yet ({@link #publishGenesis} first)
     * @throws IllegalArgumentException if the change leaves a list that breaks a list's rules
     */
    public synchronized Optional<MembershipList> publishChange(String cause, UnaryOperator<List<Member>> change) {
        if (store.published(cause)) {
            return Optional.empty();
        }
        MembershipList current = latest().orElseThrow(() -> new IllegalStateException(
                "no membership list to change: the genesis list is published first"));
        return publish(cause, current.next(clock.instant(), change));
    }

    private Optional<MembershipList> publish(String cause, MembershipList uncertified) {
        MembershipList next = new MembershipList(uncertified.parameters(),
                uncertified.members().stream().map(this::certified).toList());
        byte[] bytes = next.canonicalBytes();
        byte[] signature = identities.sign(networkRoot, SignedMembershipList.signingMessage(bytes)).signature();
        boolean stored = store.storePublished(new SignedMembershipList(bytes, signature, networkRoot.publicKey()),
                cause, verifier);
        return stored ? Optional.of(next) : Optional.empty();
    }

    private Member certified(Member member) {
        if (member.certificate() != null && member.certificate().issuedBy(networkRoot.publicKey())) {
            return member;
        }
        return member.withCertificate(MemberCertificate.issue(networkRoot.name(), member.name(), member.legalName(),
                member.publicKey(), clock.instant(), content -> identities.signContent(networkRoot, content)));
    }
}
