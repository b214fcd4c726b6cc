package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipPeersTest {
    private final NetworkTesting network = new NetworkTesting();

    private static Member bankAt(String bic, String... addresses) {
        Member bank = NetworkTesting.bank(bic);
        return new Member(bank.name(), bank.legalName(), bank.bic(), bank.role(), bank.publicKey(), bank.status(),
                List.of(addresses));
    }

    @Test
    void aNodesAddressIsTheFirstHttpsAddressItsMemberLists() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, bankAt("BANKAAAA", "notary-1:7001", "https://bank-a.example:8443",
                "https://bank-a-2.example:8443")));
        MembershipPeers peers = new MembershipPeers(membership);

        assertThat(peers.addressOf("BANKAAAA")).contains(URI.create("https://bank-a.example:8443"));
    }

    @Test
    void aMemberWithoutAnHttpsAddressWithAPortOrNotListedCannotBeReached() {
        NetworkMembership membership = NetworkMembership.none();
        MembershipPeers peers = new MembershipPeers(membership);
        assertThat(peers.addressOf("BANKAAAA")).as("no list held").isEmpty();

        membership.accepted(network.list(1, bankAt("BANKAAAA", "http://bank-a.example:8080",
                "https://bank-a.example"), bankAt("BANKBBBB")));
        assertThat(peers.addressOf("BANKAAAA")).isEmpty();
        assertThat(peers.addressOf("BANKBBBB")).isEmpty();
        assertThat(peers.addressOf("BANKCCCC")).isEmpty();
    }

    @Test
    void eachListedMemberIsHostedOnANodeOfItsOwnNameAndAnUnlistedPartyNowhere() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, bankAt("BANKAAAA", "https://bank-a.example:8443")));
        MembershipPeers peers = new MembershipPeers(membership);

        assertThat(peers.nodeOf("BANKAAAA")).contains("BANKAAAA");
        assertThat(peers.nodeOf("regulator")).contains("regulator");
        assertThat(peers.nodeOf("BANKZZZZ")).isEqualTo(Optional.empty());
    }

    @Test
    void anAddressChangedInALaterEpochIsUsedFromThenOn() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, bankAt("BANKAAAA", "https://bank-a.example:8443")));
        MembershipPeers peers = new MembershipPeers(membership);
        membership.accepted(network.list(2, bankAt("BANKAAAA", "https://bank-a.example:9443")));

        assertThat(peers.addressOf("BANKAAAA")).contains(URI.create("https://bank-a.example:9443"));
    }
}
