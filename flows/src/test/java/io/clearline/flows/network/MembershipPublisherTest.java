package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.LedgerSchema;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MembershipPublisherTest {
    private final NetworkTesting network = new NetworkTesting();
    private final Jdbc jdbc = NetworkTesting.jdbc();
    private final Clock clock = Clock.fixed(NetworkTesting.T0, ZoneOffset.UTC);
    private final MembershipPublisher publisher = publisher();

    private MembershipPublisher publisher() {
        LedgerSchema.create(jdbc);
        IdentityService identities = new IdentityService(jdbc, clock);
        return new MembershipPublisher(new MembershipStore(jdbc, clock), identities,
                identities.getOrCreate("network-root"), clock);
    }

    @Test
    void theFirstListIsEpochOneSignedByTheNetworkRoot() {
        publisher.publishGenesis(network.parameters(1), network.services());

        SignedMembershipList signed = publisher.latestSigned().orElseThrow();
        MembershipList list = new MembershipVerifier(publisher.networkRoot().publicKey())
                .verify(signed, OptionalLong.empty());
        assertThat(list.epoch()).isEqualTo(1);
        assertThat(list.members()).extracting(Member::name).containsExactly("notary", "regulator");
    }

    @Test
    void everyListedMemberHasACertificateFromTheNetworkRoot() {
        publisher.publishGenesis(network.parameters(1), network.services());
        MembershipList admitted = publisher.publishChange("admitted-alpha", members -> {
            members.add(NetworkTesting.bank("ALPHEUAAXXX"));
            return members;
        }).orElseThrow();

        assertThat(admitted.members()).hasSize(3).allSatisfy(member -> {
            assertThat(member.certificate()).as(member.name()).isNotNull();
            assertThat(member.certificate().issuedBy(publisher.networkRoot().publicKey())).isTrue();
        });
    }

    @Test
    void aCertifiedMemberKeepsItsCertificateInLaterEpochs() {
        publisher.publishGenesis(network.parameters(1), network.services());
        MemberCertificate first = publisher.latest().orElseThrow().member("notary").orElseThrow().certificate();

        publisher.publishChange("admitted-alpha", members -> {
            members.add(NetworkTesting.bank("ALPHEUAAXXX"));
            return members;
        });

        assertThat(publisher.latest().orElseThrow().member("notary").orElseThrow().certificate()).isEqualTo(first);
    }

    @Test
    void genesisIsPublishedOnlyOnce() {
        publisher.publishGenesis(network.parameters(1), network.services());

        assertThat(publisher.publishGenesis(network.parameters(1), network.services())).isEmpty();
    }

    @Test
    void eachChangeIsTheNextEpoch() {
        publisher.publishGenesis(network.parameters(1), network.services());
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");

        MembershipList admitted = publisher.publishChange("admitted-alpha", members -> {
            members.add(alpha);
            return members;
        }).orElseThrow();
        MembershipList suspended = publisher.publishChange("suspended-alpha", members -> members.stream()
                .map(member -> member.name().equals("ALPHEUAAXXX") ? member.withStatus(MemberStatus.SUSPENDED) : member)
                .toList()).orElseThrow();

        assertThat(admitted.epoch()).isEqualTo(2);
        assertThat(suspended.epoch()).isEqualTo(3);
        assertThat(publisher.latest().orElseThrow().member("ALPHEUAAXXX").orElseThrow().status())
                .isEqualTo(MemberStatus.SUSPENDED);
    }

    @Test
    void aCauseDeliveredAgainPublishesNoSecondEpoch() {
        publisher.publishGenesis(network.parameters(1), network.services());
        publisher.publishChange("admitted-alpha", members -> {
            members.add(NetworkTesting.bank("ALPHEUAAXXX"));
            return members;
        });

        assertThat(publisher.publishChange("admitted-alpha", members -> {
            throw new AssertionError("a cause seen before is not applied again");
        })).isEmpty();
        assertThat(publisher.latest().orElseThrow().epoch()).isEqualTo(2);
    }

    @Test
    void aChangeNeedsAListToChange() {
        assertThatThrownBy(() -> publisher.publishChange("admitted-alpha", members -> members))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no membership list to change: the genesis list is published first");
    }
}
