package io.clearline.ops.transport;

import io.clearline.flows.network.MembershipPeers;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.transport.http.PartyHosts;
import io.clearline.flows.transport.http.PeerAddresses;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where this node's sessions go and whom it believes, on the networked transport: a party whose
 * identity this node hosts (its key is in this node's database) is on this node, reached at this
 * node's own address, so a payment between two banks of this node still goes over the transport to
 * itself; any other party is where the membership list in force puts it ({@link MembershipPeers}:
 * a member on a node of its own name, at the member's first {@code https://} address). Asked at every
 * session and every received envelope, so a list changed in a new epoch is used at once, and a bank
 * admitted here later is hosted here from then on (which is why a party not hosted here is not
 * remembered as such: it costs a lookup of the node's identities each time).
 */
final class NodePeers implements NetworkMap, PartyHosts, PeerAddresses {
    private final String nodeName;
    private final Predicate<String> hostedHere;
    private final Supplier<Optional<NetworkMembership>> membership;
    private volatile URI ownAddress;

    NodePeers(String nodeName, Predicate<String> hostedHere, Supplier<Optional<NetworkMembership>> membership) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.hostedHere = Objects.requireNonNull(hostedHere, "hostedHere");
        this.membership = Objects.requireNonNull(membership, "membership");
    }

    /** Where this node listens: known once its transport has started (its port may be picked then). */
    void listeningAt(URI address) {
        ownAddress = Objects.requireNonNull(address, "address");
    }

    @Override
    public Optional<String> nodeOf(String party) {
        if (hostedHere.test(party)) {
            return Optional.of(nodeName);
        }
        return membership.get().flatMap(list -> new MembershipPeers(list).nodeOf(party));
    }

    @Override
    public Optional<URI> addressOf(String node) {
        if (nodeName.equals(node)) {
            return Optional.ofNullable(ownAddress);
        }
        return membership.get().flatMap(list -> new MembershipPeers(list).addressOf(node));
    }
}
