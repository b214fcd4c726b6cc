package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static io.clearline.flows.settlement.SettlementFlowsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.network.Member;
import io.clearline.flows.network.MemberRole;
import io.clearline.flows.network.MemberStatus;
import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.network.NetworkParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Under a membership list, the ledger takes as payer or payee only the members the list has active. */
class MembershipCounterpartyTest {
    private final LedgerFixture fixture = new LedgerFixture();
    private final NetworkMembership membership = NetworkMembership.none();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aSuspendedPayeeIsRefusedWithCnor() {
        fixture.issue("transfer-1", BANK_A, 1_000);
        follow(1, bank(BANK_A, MemberStatus.ACTIVE), bank(BANK_B, MemberStatus.SUSPENDED));

        LedgerRefusedException refusal = assertRefused(
                fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 100)), ReasonCode.CNOR);

        assertThat(refusal.reason().explanation()).isEqualTo("BANKBBBB is suspended in membership list epoch 1");
    }

    @Test
    void aSuspendedPayerIsRefusedWithDnor() {
        fixture.issue("transfer-1", BANK_B, 1_000);
        follow(1, bank(BANK_A, MemberStatus.ACTIVE), bank(BANK_B, MemberStatus.SUSPENDED));

        assertRefused(fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_B, BANK_A, 100)),
                ReasonCode.DNOR);
    }

    @Test
    void aHostedBankTheListDoesNotNameIsRefused() {
        fixture.issue("transfer-1", BANK_A, 1_000);
        follow(1, bank(BANK_A, MemberStatus.ACTIVE));

        LedgerRefusedException refusal = assertRefused(
                fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 100)), ReasonCode.CNOR);

        assertThat(refusal.reason().explanation()).isEqualTo("BANKBBBB is not a member in membership list epoch 1");
    }

    @Test
    void aMemberActiveAgainInANewerEpochIsACounterpartyAgain() {
        fixture.issue("transfer-1", BANK_A, 1_000);
        follow(1, bank(BANK_A, MemberStatus.ACTIVE), bank(BANK_B, MemberStatus.SUSPENDED));
        follow(2, bank(BANK_A, MemberStatus.ACTIVE), bank(BANK_B, MemberStatus.ACTIVE));

        assertThat(fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 100)).join()
                .transactionId()).isNotBlank();
    }

    @Test
    void aListedBankThisNodeDoesNotHostResolvesFromTheList() {
        Party remote = new Party("BANKCCCC", Ed25519.generate().publicKey());
        follow(1, bank(BANK_A, MemberStatus.ACTIVE), new Member(remote.name(), "Bank C", remote.name(),
                MemberRole.BANK, remote.publicKey(), MemberStatus.ACTIVE, List.of("https://bankc.example:8443")));

        String transactionId = fixture.ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-c",
                Bic.of("BANKCCCC"), Money.of(500, "EUR"))).join().transactionId();

        assertThat(fixture.ledger.transaction(transactionId).orElseThrow().outputs())
                .anySatisfy(output -> assertThat(output.fields()).containsEntry("owner", "BANKCCCC"));
    }

    @Test
    void withoutAListTheLedgerDecidesOnItsHostedIdentitiesAlone() {
        fixture.issue("transfer-1", BANK_A, 1_000);

        assertThat(fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 100)).join()
                .transactionId()).isNotBlank();
    }

    private void follow(long epoch, Member... banks) {
        ClearlineLedger ledger = fixture.ledger;
        List<Member> members = new ArrayList<>(List.of(
                new Member(ledger.centralBank().name(), "Central bank", ledger.centralBank().name(),
                        MemberRole.CENTRAL_BANK, ledger.centralBank().publicKey(), MemberStatus.ACTIVE, List.of()),
                new Member(ledger.notary().name(), "Notary", null, MemberRole.NOTARY, ledger.notary().publicKey(),
                        MemberStatus.ACTIVE, List.of()),
                new Member(ledger.regulator().name(), "Regulator", null, MemberRole.REGULATOR,
                        ledger.regulator().publicKey(), MemberStatus.ACTIVE, List.of())));
        members.addAll(List.of(banks));
        membership.accepted(new MembershipList(new NetworkParameters(epoch, ledger.notary(), List.of("notary:7001"),
                ledger.regulator(), List.of("EUR"), 1024 * 1024, Instant.parse("2026-01-05T08:00:00Z")), members));
        ledger.followMembership(membership);
    }

    private Member bank(Bic bic, MemberStatus status) {
        Party party = fixture.ledger.admit(bic);
        return new Member(party.name(), "Bank " + party.name(), party.name(), MemberRole.BANK, party.publicKey(),
                status, List.of());
    }
}
