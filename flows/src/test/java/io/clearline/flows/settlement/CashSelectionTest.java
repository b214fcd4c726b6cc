package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.FungibleStateSelector;
import io.clearline.flows.ledger.Page;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.VaultEntry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CashSelectionTest {
    /** Issuances of 80, each split into 8 states of 10: 800 small states. */
    private static final int ISSUANCES = 100;
    private static final long STATE_MINOR_UNITS = 10;

    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void selectionAmongManySmallStatesFindsEnoughAndNeverSelectsALockedState() throws Exception {
        for (int i = 0; i < ISSUANCES; i++) {
            fixture.issue("small-" + i, BANK_A, STATE_MINOR_UNITS * SettlementFlows.CASH_STATES_PER_ISSUANCE_MAX);
        }
        Party bankA = fixture.ledger.admit(BANK_A);
        // Another flow holds the first 300 states in selection order, more than the first pages.
        Set<StateRef> lockedByOther = firstStatesInSelectionOrder(bankA, 300);
        UUID otherFlow = UUID.randomUUID();
        lockedByOther.forEach(ref -> assertThat(fixture.ledger.softLocks().tryLock(ref, otherFlow)).isTrue());
        FungibleStateSelector selector = new FungibleStateSelector(fixture.ledger.store(), fixture.ledger.softLocks(),
                Duration.ZERO, Duration.ofMillis(1));
        long target = 2_005;

        FungibleStateSelector.Result result = selector.select(bankA, SettlementCodecs.CASH, "EUR", target);

        assertThat(result).isInstanceOf(FungibleStateSelector.Selected.class);
        FungibleStateSelector.Selected selected = (FungibleStateSelector.Selected) result;
        List<StateRef> refs = selected.entries().stream().map(VaultEntry::ref).toList();
        assertThat(refs).doesNotHaveDuplicates().doesNotContainAnyElementsOf(lockedByOther);
        assertThat(selected.totalMinorUnits()).isGreaterThanOrEqualTo(target)
                .isEqualTo(selected.entries().stream().mapToLong(VaultEntry::amountMinorUnits).sum());
        // It stops at the amount: one more state than needed at most.
        assertThat(refs).hasSize((int) ((target + STATE_MINOR_UNITS - 1) / STATE_MINOR_UNITS));
    }

    @Test
    void aPaymentSpendingManySmallStatesSettlesWhileOthersHoldSomeLocked() {
        for (int i = 0; i < ISSUANCES; i++) {
            fixture.issue("small-" + i, BANK_A, STATE_MINOR_UNITS * SettlementFlows.CASH_STATES_PER_ISSUANCE_MAX);
        }
        Party bankA = fixture.ledger.admit(BANK_A);
        Set<StateRef> lockedByOther = firstStatesInSelectionOrder(bankA, 100);
        UUID otherFlow = UUID.randomUUID();
        lockedByOther.forEach(ref -> fixture.ledger.softLocks().tryLock(ref, otherFlow));

        String id = fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 1_234)).join()
                .transactionId();

        assertThat(fixture.ledger.transaction(id).orElseThrow().inputs())
                .map(input -> new StateRef(input.transactionId(), input.outputIndex()))
                .doesNotContainAnyElementsOf(lockedByOther);
        assertThat(fixture.ledger.cashBalance(BANK_B, "EUR")).isEqualTo(1_234);
        assertThat(fixture.ledger.softLocks().size()).isEqualTo(lockedByOther.size());
    }

    private Set<StateRef> firstStatesInSelectionOrder(Party owner, int count) {
        Set<StateRef> refs = new HashSet<>();
        StateRef after = null;
        while (refs.size() < count) {
            List<VaultEntry> page = fixture.ledger.store().unconsumedAfter(owner, SettlementCodecs.CASH, owner.name(),
                    "EUR", after, Math.min(Page.PAGE_SIZE_MAX, count - refs.size()));
            page.forEach(entry -> refs.add(entry.ref()));
            after = page.get(page.size() - 1).ref();
        }
        return refs;
    }
}
