package io.clearline.flows.network;

/** Told each list a node accepts, in epoch order, after it is stored. */
@FunctionalInterface
public interface MembershipListener {
    void accepted(MembershipList list);
}
