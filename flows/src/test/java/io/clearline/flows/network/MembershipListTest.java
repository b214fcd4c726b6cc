package io.clearline.flows.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.Ed25519;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipListTest {
    private final NetworkTesting network = new NetworkTesting();

    @Test
    void readsBackFromItsCanonicalBytes() {
        MembershipList list = network.list(3, NetworkTesting.bank("ALPHEUAAXXX"),
                NetworkTesting.bank("BRAVEUBBXXX").withStatus(MemberStatus.SUSPENDED));

        MembershipList read = MembershipList.fromCanonicalBytes(list.canonicalBytes());

        assertThat(read).isEqualTo(list);
        assertThat(read.member("BRAVEUBBXXX").orElseThrow().status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(read.parameters().notaryClusterMembers()).hasSize(3);
    }

    @Test
    void aListWithoutANotaryGroupKeepsFormatOneSoThatListsSignedBeforeStillVerify() {
        MembershipList list = network.list(2, NetworkTesting.bank("ALPHEUAAXXX"));

        assertThat(list.parameters().notaryClusterGroup()).isNull();
        assertThat(list.canonicalBytes()).startsWith(new CanonicalWriter().writeString(MembershipList.FORMAT)
                .toByteArray());
    }

    @Test
    void aRaftNotarysGroupIsListedInFormatTwoAndReadsBack() {
        NetworkParameters one = network.parameters(4);
        NetworkParameters raft = new NetworkParameters(4, one.notary(), one.notaryClusterMembers(), "clearline-notary",
                one.regulator(), one.acceptedCurrencies(), one.messageBytesMax(), one.publishedAt());
        MembershipList list = new MembershipList(raft, network.services());

        MembershipList read = MembershipList.fromCanonicalBytes(list.canonicalBytes());

        assertThat(list.canonicalBytes()).startsWith(new CanonicalWriter()
                .writeString(MembershipList.FORMAT_WITH_NOTARY_GROUP).toByteArray());
        assertThat(read).isEqualTo(list);
        assertThat(read.parameters().notaryClusterGroup()).isEqualTo("clearline-notary");
        assertThat(read.next(NetworkTesting.T0, members -> members).parameters().notaryClusterGroup())
                .as("kept in the next epoch").isEqualTo("clearline-notary");
    }

    @Test
    void readsBackAMembersCertificate() {
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
        Member certified = alpha.withCertificate(MemberCertificate.issue("network-root", alpha.name(),
                alpha.legalName(), alpha.publicKey(), NetworkTesting.T0,
                content -> Ed25519.sign(network.root.privateKey(), content)));
        MembershipList list = network.list(1, certified);

        assertThat(MembershipList.fromCanonicalBytes(list.canonicalBytes()).member("ALPHEUAAXXX").orElseThrow()
                .certificate()).isEqualTo(certified.certificate());
    }

    @Test
    void theSameMembersInAnyOrderGiveTheSameBytes() {
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
        Member bravo = NetworkTesting.bank("BRAVEUBBXXX");

        assertThat(network.list(1, alpha, bravo).canonicalBytes())
                .isEqualTo(network.list(1, bravo, alpha).canonicalBytes());
    }

    @Test
    void everyMemberHasANameOfItsOwn() {
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
        Member impostor = new Member("ALPHEUAAXXX", "Impostor", "ALPHEUAAXXX", MemberRole.BANK,
                Ed25519.generate().publicKey(), MemberStatus.ACTIVE, List.of());

        assertThatThrownBy(() -> network.list(1, alpha, impostor)).hasMessage("every member has a name of its own");
    }

    @Test
    void everyMemberHasAKeyOfItsOwn() {
        Member alpha = NetworkTesting.bank("ALPHEUAAXXX");
        Member sameKey = new Member("BRAVEUBBXXX", "Bravo", "BRAVEUBBXXX", MemberRole.BANK, alpha.publicKey(),
                MemberStatus.ACTIVE, List.of());

        assertThatThrownBy(() -> network.list(1, alpha, sameKey)).hasMessage("every member has a key of its own");
    }

    @Test
    void theNotaryOfTheParametersIsAMemberWithThatRoleAndKey() {
        List<Member> withoutNotary = new ArrayList<>(network.services());
        withoutNotary.removeIf(member -> member.role() == MemberRole.NOTARY);

        assertThatThrownBy(() -> new MembershipList(network.parameters(1), withoutNotary))
                .hasMessage("the NOTARY notary is a member of that role and key");
    }

    @Test
    void aBankHasABicAndANotaryHasNone() {
        assertThatThrownBy(() -> new Member("ALPHEUAAXXX", "Alpha", null, MemberRole.BANK,
                Ed25519.generate().publicKey(), MemberStatus.ACTIVE, List.of()))
                .hasMessage("member ALPHEUAAXXX: a BANK has a BIC");
        assertThatThrownBy(() -> new Member("notary", "Notary", "NOTAEUNNXXX", MemberRole.NOTARY,
                Ed25519.generate().publicKey(), MemberStatus.ACTIVE, List.of()))
                .hasMessage("member notary: a NOTARY has no BIC");
    }

    @Test
    void aMemberListsAtMostItsLimitOfAddresses() {
        List<String> addresses = java.util.stream.IntStream.rangeClosed(0, Member.ADDRESSES_MAX)
                .mapToObj(index -> "node-" + index + ":7000").toList();

        assertThatThrownBy(() -> new Member("ALPHEUAAXXX", "Alpha", "ALPHEUAAXXX", MemberRole.BANK,
                Ed25519.generate().publicKey(), MemberStatus.ACTIVE, addresses))
                .hasMessage("member ALPHEUAAXXX lists 9 addresses, more than 8");
    }

    @Test
    void acceptedCurrenciesAreDistinctIsoCodesInOrder() {
        assertThatThrownBy(() -> new NetworkParameters(1, network.notary, List.of("notary-1:7001"), network.regulator,
                List.of("EUR", "CHF"), 1024, NetworkTesting.T0))
                .hasMessageStartingWith("accepted currencies are 1 to 200 distinct ISO 4217 codes in order");
    }

    @Test
    void anEpochCountsFromOne() {
        assertThatThrownBy(() -> network.parameters(0)).hasMessage("an epoch counts from 1, not 0");
    }

    @Test
    void bytesAfterTheListAreRefused() {
        byte[] bytes = network.list(1).canonicalBytes();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

        assertThatThrownBy(() -> MembershipList.fromCanonicalBytes(longer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a membership list");
    }

    @Test
    void anotherFormatIsRefused() {
        byte[] other = new CanonicalWriter().writeString("clearline-membership-list/0").writeLong(1).toByteArray();

        assertThatThrownBy(() -> MembershipList.fromCanonicalBytes(other))
                .hasMessage("not a membership list: format clearline-membership-list/0 is neither clearline-membership-list/1"
                        + " nor clearline-membership-list/2");
    }

    @Test
    void aCountAboveItsLimitIsRefusedBeforeAnythingIsRead() {
        byte[] forged = new CanonicalWriter().writeString(MembershipList.FORMAT).writeLong(1)
                .writeParty(network.notary).writeInt(NetworkParameters.NOTARY_CLUSTER_MEMBERS_MAX + 1).toByteArray();

        assertThatThrownBy(() -> MembershipList.fromCanonicalBytes(forged))
                .hasMessage("not a membership list: a count of 17 is outside 0..16");
    }
}
