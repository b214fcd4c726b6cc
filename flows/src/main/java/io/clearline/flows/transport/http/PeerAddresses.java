package io.clearline.flows.transport.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a node's transport listens ({@code https://host:port}): the membership list's member
 * addresses in a network, a fixed map in tests. Asked before every batch, so a changed address is
 * used from the next batch on.
 */
@FunctionalInterface
public interface PeerAddresses {
    Optional<URI> addressOf(String node);

    static PeerAddresses of(Map<String, URI> addresses) {
        Map<String, URI> copy = Map.copyOf(addresses);
        return node -> Optional.ofNullable(copy.get(node));
    }
}
