package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Jdbc;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MembershipStoreTest {
    private final NetworkTesting network = new NetworkTesting();
    private final Jdbc jdbc = NetworkTesting.jdbc();
    private final Clock clock = Clock.fixed(NetworkTesting.T0, ZoneOffset.UTC);
    private final MembershipStore store = new MembershipStore(jdbc, clock);

    @Test
    void holdsNothingBeforeTheFirstList() {
        assertThat(store.latest()).isEmpty();
    }

    @Test
    void keepsTheLatestAcceptedListAcrossARestart() {
        SignedMembershipList first = network.signed(network.list(1));
        SignedMembershipList second = network.signed(network.list(2, NetworkTesting.bank("ALPHEUAAXXX")));
        store.accept(first, network.verifier());
        store.accept(second, network.verifier());

        SignedMembershipList held = new MembershipStore(jdbc, clock).latest().orElseThrow();

        assertThat(held.sameBytesAs(second)).isTrue();
    }

    @Test
    void aRefusedListLeavesTheHeldOneInForce() {
        SignedMembershipList held = network.signed(network.list(2));
        store.accept(held, network.verifier());
        SignedMembershipList foreign = NetworkTesting.signedBy(Ed25519.generate(), network.list(3).canonicalBytes());

        assertThatThrownBy(() -> store.accept(foreign, network.verifier()))
                .isInstanceOf(MembershipRefusedException.class);
        assertThatThrownBy(() -> store.accept(network.signed(network.list(1)), network.verifier()))
                .isInstanceOf(MembershipRefusedException.class);

        assertThat(store.latest().orElseThrow().sameBytesAs(held)).isTrue();
    }

    @Test
    void aCauseIsPublishedOnce() {
        assertThat(store.storePublished(network.signed(network.list(1)), "event-1", network.verifier())).isTrue();

        assertThat(store.storePublished(network.signed(network.list(2)), "event-1", network.verifier())).isFalse();
        assertThat(store.published("event-1")).isTrue();
        assertThat(MembershipList.fromCanonicalBytes(store.latest().orElseThrow().canonicalBytes()).epoch()).isEqualTo(1);
    }

    @Test
    void tellsTheEpochInForceAndWhenItWasStored() {
        assertThat(store.latestEpoch()).isEmpty();
        store.accept(network.signed(network.list(1)), network.verifier());
        store.accept(network.signed(network.list(3)), network.verifier());

        assertThat(store.latestEpoch()).contains(new MembershipStore.HeldEpoch(3, NetworkTesting.T0));
    }
}
