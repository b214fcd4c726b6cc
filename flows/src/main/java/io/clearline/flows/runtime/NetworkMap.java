package io.clearline.flows.runtime;

import java.util.Objects;
import java.util.Optional;

/** Which node hosts a party: where a session to it is sent. */
@FunctionalInterface
public interface NetworkMap {
    Optional<String> nodeOf(String party);

    /** Every party on one node: the single-process deployment. */
    static NetworkMap singleNode(String node) {
        Objects.requireNonNull(node, "node");
        return party -> Optional.of(node);
    }
}
