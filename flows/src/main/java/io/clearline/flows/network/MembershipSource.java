package io.clearline.flows.network;

import java.util.Optional;

/** Where a node fetches the network's latest signed membership list from (the central bank's node). */
public interface MembershipSource {
    /**
     * The latest list the source offers, empty if it has published none yet. Nothing it returns is
     * trusted: the follower verifies it.
     *
     * @throws java.io.UncheckedIOException or another runtime exception when the source cannot be
     *                                      reached; the follower backs off and asks again
     */
    Optional<SignedMembershipList> latest();
}
