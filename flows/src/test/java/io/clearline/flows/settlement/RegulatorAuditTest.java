package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.RecordedTransaction;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TransactionState;
import io.clearline.flows.ledger.VaultEntry;
import io.clearline.flows.ledger.WireTransaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegulatorAuditTest {
    private final LedgerFixture fixture = new LedgerFixture();
    private final ClearlineLedger ledger = fixture.ledger;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void afterIssuesAndPaymentsTheAuditIsCleanAndItsFiguresAddUp() {
        fixture.issue("transfer-1", BANK_A, 1_000_000);
        fixture.issue("transfer-2", BANK_B, 50_000);
        for (int i = 0; i < 5; i++) {
            ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 1_000 + i)).join();
        }
        String repeated = newUetr();
        ledger.ledgerPort().settlePayment(payment(repeated, BANK_B, BANK_A, 7)).join();
        // Settling the same UETR again records nothing new, so the audit counts it once.
        ledger.ledgerPort().settlePayment(payment(repeated, BANK_B, BANK_A, 7)).join();

        LedgerAudit audit = ledger.audit();

        assertThat(audit.clean()).isTrue();
        assertThat(audit.failures()).isEmpty();
        assertThat(audit.transactionsVerified()).isEqualTo(2 + 6);
        assertThat(audit.paymentsRecorded()).isEqualTo(6);
        assertThat(audit.issuedByCurrency()).isEqualTo(Map.of("EUR", 1_050_000L));
        assertThat(audit.inCirculationByCurrency()).isEqualTo(Map.of("EUR", 1_050_000L));
        assertThat(audit.issuedByCurrency().get("EUR")).isEqualTo(ledger.issued("EUR"));
        assertThat(audit.inCirculationByCurrency().get("EUR")).isEqualTo(ledger.cashInCirculation("EUR"));
        assertThat(audit.asOf()).isNotNull();
    }

    @Test
    void aTransactionThatCreatesCashInAMoveIsReportedAsAFailureNamingTheConservationRule() {
        fixture.issue("transfer-1", BANK_A, 1_000);
        Party bankA = ledger.admit(BANK_A);
        Party bankB = ledger.admit(BANK_B);
        VaultEntry spent = ledger.store().unconsumedAfter(bankA, SettlementCodecs.CASH, bankA.name(), "EUR", null, 1)
                .get(0);
        // Built by hand: spends one state of 125 and pays out 1,125. Owner-signed and notarised.
        WireTransaction wtx = new WireTransaction(List.of(spent.ref()),
                List.of(new TransactionState(new CashState(spent.amountMinorUnits() + 1_000, "EUR", ledger.centralBank(),
                        bankB), CashContract.NAME, ledger.notary())),
                List.of(new Command(CashCommand.MOVE, List.of(bankA.publicKey()))), ledger.notary(), null,
                Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
        SignedTransaction stx = ledger.store().codecs().unsigned(wtx);
        stx = stx.withSignature(ledger.identities().sign(bankA, stx.id()));
        RecordedTransaction notarised = ledger.flows().notarise(stx);

        ledger.flows().recordFinal(notarised, List.of(bankA, bankB));

        LedgerAudit audit = ledger.audit();
        assertThat(audit.failures()).containsExactly(new AuditFailure(stx.id(), RegulatorAudit.RULE_CONSERVATION));
        assertThat(audit.clean()).isFalse();
        assertThat(audit.transactionsVerified()).isEqualTo(1);
        assertThat(audit.issuedByCurrency()).containsEntry("EUR", 1_000L);
        assertThat(audit.inCirculationByCurrency()).containsEntry("EUR", 2_000L);
        assertThat(ledger.isRecordedAt(ledger.regulator(), stx.id())).isTrue();
        assertThat(ledger.auditFailures(0, 10).items()).containsExactlyElementsOf(audit.failures());
        assertThat(ledger.transaction(stx.id()).orElseThrow().inputs()).singleElement()
                .satisfies(input -> assertThat(new StateRef(input.transactionId(), input.outputIndex()))
                        .isEqualTo(spent.ref()));
    }
}
