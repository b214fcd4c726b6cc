package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.CashRedemptionRequest;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.RecordedTransaction;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.VaultEntry;
import io.clearline.flows.ledger.WireTransaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedemptionFlowsTest {
    private final LedgerFixture fixture = new LedgerFixture();
    private final ClearlineLedger ledger = fixture.ledger;

    @AfterEach
    void close() {
        fixture.close();
    }

    private CompletableFuture<LedgerReceipt> redeem(String transferId, Bic bank, long amount) {
        return ledger.ledgerPort().redeemCash(new CashRedemptionRequest(transferId, bank, Money.of(amount, "EUR")));
    }

    @Test
    void aRedemptionConsumesTheOwnersCashWithChangeBothSignAndEveryoneRecordsIt() {
        fixture.issue("pledge-1", BANK_A, 1_000);

        String transactionId = redeem("redeem-1", BANK_A, 300).join().transactionId();

        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(700);
        assertThat(ledger.redeemed("EUR")).isEqualTo(300);
        assertThat(ledger.issued("EUR")).isEqualTo(700);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        TransactionView view = ledger.transaction(transactionId).orElseThrow();
        assertThat(view.commands()).singleElement().satisfies(command -> {
            assertThat(command.name()).isEqualTo("cash.redeem");
            assertThat(command.signerNames()).containsExactlyInAnyOrder(BANK_A.value(), "CBANKXXX");
        });
        assertThat(view.signatures()).allMatch(TransactionView.SignatureView::verifies);
        assertThat(view.outputs()).allSatisfy(output -> assertThat(output.fields()).containsEntry("owner", BANK_A.value()));
        assertThat(ledger.isRecordedAt(ledger.admit(BANK_A), transactionId)).isTrue();
        assertThat(ledger.isRecordedAt(ledger.centralBank(), transactionId)).isTrue();
        assertThat(ledger.isRecordedAt(ledger.regulator(), transactionId)).isTrue();
        assertThat(ledger.softLocks().size()).isZero();
    }

    @Test
    void afterARedemptionTheRegulatorsAuditIsCleanAndCirculationIsIssuedMinusRedeemed() {
        fixture.issue("pledge-1", BANK_A, 1_000);
        fixture.issue("pledge-2", BANK_B, 500);
        redeem("redeem-1", BANK_A, 1_000).join();
        redeem("redeem-2", BANK_B, 123).join();

        LedgerAudit audit = ledger.audit();

        assertThat(audit.failures()).isEmpty();
        assertThat(audit.clean()).isTrue();
        assertThat(audit.issuedByCurrency()).isEqualTo(Map.of("EUR", 1_500L - 1_123L));
        assertThat(audit.inCirculationByCurrency()).isEqualTo(Map.of("EUR", 1_500L - 1_123L));
        assertThat(ledger.issued("EUR")).isEqualTo(1_500L - 1_123L);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(1_500L - 1_123L);
    }

    @Test
    void aRedemptionIsIdempotentByTransferId() {
        fixture.issue("pledge-1", BANK_A, 1_000);
        String first = redeem("redeem-1", BANK_A, 300).join().transactionId();

        assertThat(redeem("redeem-1", BANK_A, 300).join().transactionId()).isEqualTo(first);

        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(700);
        assertThat(ledger.redeemed("EUR")).isEqualTo(300);
        assertRefused(redeem("redeem-1", BANK_A, 301), ReasonCode.AM05);
    }

    @Test
    void insufficientCashIsRefusedWithAm04AndNothingIsRecorded() {
        fixture.issue("pledge-1", BANK_A, 1_000);

        assertRefused(redeem("redeem-1", BANK_A, 1_001), ReasonCode.AM04);

        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(ledger.redeemed("EUR")).isZero();
        assertThat(ledger.issued("EUR")).isEqualTo(1_000);
        assertThat(ledger.audit().transactionsVerified()).isEqualTo(1);
        assertThat(ledger.softLocks().size()).isZero();
    }

    @Test
    void aRedemptionTheIssuerDidNotSignIsReportedAsAFailureNamingTheConservationRule() {
        fixture.issue("pledge-1", BANK_A, 1_000);
        Party bankA = ledger.admit(BANK_A);
        VaultEntry spent = ledger.store().unconsumedAfter(bankA, SettlementCodecs.CASH, bankA.name(), "EUR", null, 1)
                .get(0);
        // Built by hand: the owner alone destroys one of its states, with no change.
        WireTransaction wtx = new WireTransaction(List.of(spent.ref()), List.of(),
                List.of(new Command(CashCommand.REDEEM, List.of(bankA.publicKey()))), ledger.notary(), null,
                Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
        SignedTransaction stx = ledger.store().codecs().unsigned(wtx);
        stx = stx.withSignature(ledger.identities().sign(bankA, stx.id()));
        RecordedTransaction notarised = ledger.flows().notarise(stx);

        ledger.flows().recordFinal(notarised, List.of(bankA));

        LedgerAudit audit = ledger.audit();
        assertThat(audit.failures()).containsExactly(new AuditFailure(stx.id(), RegulatorAudit.RULE_CONSERVATION));
        assertThat(audit.clean()).isFalse();
    }

    private static void assertRefused(CompletableFuture<LedgerReceipt> future, ReasonCode code) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(LedgerRefusedException.class)
                .satisfies(refused -> assertThat(((LedgerRefusedException) refused).reason().code()).isEqualTo(code));
    }
}
