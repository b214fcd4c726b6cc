package io.clearline.flows.network;

import io.clearline.flows.transport.http.PartyHosts;
import io.clearline.flows.transport.http.PeerAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * The networked transport's view of the membership list in force: a node's address is the first of
 * its member's addresses that is an {@code https://host:port} URI, and each member is hosted on a
 * node of its own name (the distributed deployment: one process per bank, central bank, regulator).
 * It follows the list as {@link NetworkMembership} does, so an address changed in a new epoch is used
 * from the next batch on, and a node that is not listed is neither reached nor believed.
 */
public final class MembershipPeers implements PeerAddresses, PartyHosts {
    private final NetworkMembership membership;

    public MembershipPeers(NetworkMembership membership) {
        this.membership = Objects.requireNonNull(membership, "membership");
    }

    @Override
    public Optional<URI> addressOf(String node) {
        return membership.current().flatMap(list -> list.member(node))
                .flatMap(member -> member.addresses().stream().map(MembershipPeers::httpsUri)
                        .flatMap(Optional::stream).findFirst());
    }

    @Override
    public Optional<String> nodeOf(String party) {
        return membership.current().flatMap(list -> list.member(party)).map(Member::name);
    }

    private static Optional<URI> httpsUri(String address) {
        try {
            URI uri = new URI(address);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException notUri) {
            return Optional.empty();
        }
    }
}
