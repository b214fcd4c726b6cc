package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Party;
import org.junit.jupiter.api.Test;

class NetworkMembershipTest {
    private final NetworkTesting network = new NetworkTesting();
    private final Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
    private final Member bravo = NetworkTesting.bank("BRAVEUBBXXX").withStatus(MemberStatus.SUSPENDED);

    @Test
    void withoutAListNobodyIsRefused() {
        NetworkMembership membership = NetworkMembership.none();

        assertThat(membership.refusalOf(alpha.party())).isEmpty();
        assertThat(membership.party("ALPHEUAAXXX")).isEmpty();
    }

    @Test
    void resolvesAListedMemberByName() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, alpha, bravo));

        assertThat(membership.party("ALPHEUAAXXX")).contains(alpha.party());
    }

    @Test
    void anActiveListedMemberIsACounterparty() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, alpha, bravo));

        assertThat(membership.refusalOf(alpha.party())).isEmpty();
    }

    @Test
    void aSuspendedMemberIsNoCounterparty() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, alpha, bravo));

        assertThat(membership.refusalOf(bravo.party())).contains("BRAVEUBBXXX is suspended in membership list epoch 1");
    }

    @Test
    void anAbsentPartyIsNoCounterparty() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, alpha));

        assertThat(membership.refusalOf(bravo.party())).contains("BRAVEUBBXXX is not a member in membership list epoch 1");
    }

    @Test
    void aPartyWithAnotherKeyThanItsListedOneIsNoCounterparty() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(1, alpha));

        assertThat(membership.refusalOf(new Party("ALPHEUAAXXX", Ed25519.generate().publicKey())))
                .contains("ALPHEUAAXXX signs with a key other than its key in membership list epoch 1");
    }

    @Test
    void anOlderListToldLateDoesNotReplaceANewerOne() {
        NetworkMembership membership = NetworkMembership.none();
        membership.accepted(network.list(2, alpha));
        membership.accepted(network.list(1, alpha, bravo));

        assertThat(membership.current().orElseThrow().epoch()).isEqualTo(2);
    }
}
