package io.clearline.core.statement;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.BANK_C;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.businessday.api.BusinessDays;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityRedeemedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.statement.api.AccountStatement;
import io.clearline.core.statement.api.AccountStatementsView;
import io.clearline.core.statement.api.BilateralPosition;
import io.clearline.core.statement.api.FindAccountStatementsQuery;
import io.clearline.core.statement.api.FindBilateralPositionsQuery;
import io.clearline.core.statement.api.StatementEntry;
import io.clearline.core.statement.api.StatementEntry.EntryKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements per business day: periods that meet at each close, and bookings that add up. */
class AccountStatementsProjectionTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final Instant NOON = Instant.parse("2026-11-23T11:00:00Z");
    private final AccountStatementsProjection projection = new AccountStatementsProjection();

    private void settled(Uetr uetr, Bic payer, Bic payee, long minorUnits) {
        projection.on(new PaymentSettledEvent(uetr, payer, payee, euros(minorUnits), REFERENCES, "tx-" + uetr.value(),
                NOON));
    }

    private void pledged(String transferId, Bic bic, Money amount) {
        projection.on(new LiquidityPledgedEvent(transferId, bic, amount, "tx-" + transferId, NOON));
    }

    private AccountStatementsView statements(Bic bic, LocalDate date) {
        return projection.handle(new FindAccountStatementsQuery(bic, date));
    }

    private static AccountStatement only(AccountStatementsView view) {
        assertThat(view.statements()).hasSize(1);
        return view.statements().getFirst();
    }

    @Test
    void aSettledPaymentIsADebitForThePayerAndACreditForThePayee() {
        projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        pledged("P-1", BANK_A, euros(1_000));
        settled(UETR_1, BANK_A, BANK_B, 300);

        AccountStatement payer = only(statements(BANK_A, MONDAY));
        assertThat(payer.entries()).extracting(StatementEntry::kind, StatementEntry::credit,
                        StatementEntry::signedMinorUnits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.LIQUIDITY_PLEDGE, true, 1_000L),
                        org.assertj.core.groups.Tuple.tuple(EntryKind.PAYMENT, false, -300L));
        assertThat(payer.entries().get(1).counterparty()).isEqualTo(BANK_B);
        assertThat(payer.entries().get(1).ledgerTransactionId()).isEqualTo("tx-" + UETR_1.value());
        assertThat(payer.closingMinorUnits()).isEqualTo(700);

        AccountStatement payee = only(statements(BANK_B, MONDAY));
        assertThat(payee.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.credit()).isTrue();
            assertThat(entry.counterparty()).isEqualTo(BANK_A);
            assertThat(entry.endToEndId()).isEqualTo(REFERENCES.endToEndId());
        });
        assertThat(payee.closingMinorUnits()).isEqualTo(300);
    }

    @Test
    void theRunningDayIsNotClosedAndAClosedDayIsFinal() {
        projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        pledged("P-1", BANK_A, euros(1_000));
        assertThat(statements(BANK_A, MONDAY).closed()).isFalse();
        assertThat(statements(BANK_A, null).businessDate()).isEqualTo(MONDAY);

        projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        settled(UETR_1, BANK_A, BANK_B, 300);

        AccountStatementsView monday = statements(BANK_A, MONDAY);
        assertThat(monday.closed()).isTrue();
        assertThat(only(monday).entries()).hasSize(1);
        assertThat(only(monday).closingMinorUnits()).isEqualTo(1_000);
    }

    @Test
    void aDaysClosingBalanceIsTheNextDaysOpeningBalance() {
        projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        pledged("P-1", BANK_A, euros(1_000));
        settled(UETR_1, BANK_A, BANK_B, 300);
        projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        // Booked after Monday's close and before Tuesday's open: Tuesday's, never lost between the two.
        settled(UETR_2, BANK_A, BANK_C, 200);
        projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, TUESDAY, NOON));
        settled(UETR_3, BANK_B, BANK_A, 50);
        projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, TUESDAY, NOON));

        AccountStatement monday = only(statements(BANK_A, MONDAY));
        AccountStatement tuesday = only(statements(BANK_A, TUESDAY));
        assertThat(tuesday.openingMinorUnits()).isEqualTo(monday.closingMinorUnits()).isEqualTo(700);
        assertThat(tuesday.entries()).extracting(StatementEntry::reference)
                .containsExactly(UETR_2.value(), UETR_3.value());
        assertThat(tuesday.closingMinorUnits()).isEqualTo(550);
    }

    @Test
    void anAccountWithoutBookingsThatDayStillGetsAStatementOfItsBalance() {
        projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        pledged("P-1", BANK_A, euros(1_000));
        projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, TUESDAY, NOON));
        projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, TUESDAY, NOON));

        AccountStatement quiet = only(statements(BANK_A, TUESDAY));
        assertThat(quiet.entries()).isEmpty();
        assertThat(quiet.openingMinorUnits()).isEqualTo(1_000);
        assertThat(quiet.closingMinorUnits()).isEqualTo(1_000);
    }

    @Test
    void eachCurrencyHasItsOwnStatement() {
        pledged("P-EUR", BANK_A, euros(1_000));
        pledged("P-JPY", BANK_A, Money.of(50_000, "JPY"));
        projection.on(new LiquidityRedeemedEvent("R-JPY", BANK_A, Money.of(20_000, "JPY"), "tx-R", NOON));

        List<AccountStatement> statements = statements(BANK_A, null).statements();
        assertThat(statements).extracting(AccountStatement::currency).containsExactly("EUR", "JPY");
        assertThat(statements.get(1).closingMinorUnits()).isEqualTo(30_000);
        assertThat(statements.get(1).debitsMinorUnits()).isEqualTo(20_000);
        assertThat(statements.get(1).creditsMinorUnits()).isEqualTo(50_000);
    }

    @Test
    void aRedeliveredEventIsBookedOnce() {
        settled(UETR_1, BANK_A, BANK_B, 300);
        settled(UETR_1, BANK_A, BANK_B, 300);
        pledged("P-1", BANK_A, euros(1_000));
        pledged("P-1", BANK_A, euros(1_000));
        assertThat(only(statements(BANK_A, null)).entries()).hasSize(2);
        assertThat(only(statements(BANK_B, null)).entries()).hasSize(1);
    }

    @Test
    void bilateralPositionsSumTheDaysPaymentsPerCounterpartyAndStartAgainAtTheClose() {
        pledged("P-1", BANK_A, euros(1_000));
        settled(UETR_1, BANK_A, BANK_B, 300);
        settled(UETR_2, BANK_B, BANK_A, 50);
        settled(UETR_3, BANK_A, BANK_C, 20);

        assertThat(projection.handle(new FindBilateralPositionsQuery(BANK_A)).positions()).containsExactly(
                new BilateralPosition("EUR", BANK_B, 300, 50), new BilateralPosition("EUR", BANK_C, 20, 0));
        assertThat(projection.handle(new FindBilateralPositionsQuery(BANK_A)).positions().getFirst().netMinorUnits())
                .isEqualTo(-250);

        projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, MONDAY, NOON));
        assertThat(projection.handle(new FindBilateralPositionsQuery(BANK_A)).positions()).isEmpty();
    }

    @Test
    void aDayThatNeverRanIsRefused() {
        assertThatThrownBy(() -> statements(BANK_A, MONDAY.minusDays(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has not run");
    }

    @Test
    void onlyTheLastClosedDaysAreKept() {
        LocalDate date = MONDAY;
        for (int day = 0; day <= AccountStatementsProjection.CLOSED_DAYS_KEPT; day++, date = date.plusDays(1)) {
            projection.on(new BusinessDayOpenedEvent(BusinessDays.NETWORK, date, NOON));
            projection.on(new BusinessDayClosedEvent(BusinessDays.NETWORK, date, NOON));
        }
        assertThatThrownBy(() -> statements(BANK_A, MONDAY))
                .isInstanceOf(io.clearline.core.statement.api.StatementsNoLongerKeptException.class)
                .hasMessageContaining("are kept for the last");
        assertThat(statements(BANK_A, MONDAY.plusDays(1)).closed()).isTrue();
    }

    @Test
    void aStatementWhoseEntriesDoNotAddUpToItsClosingIsRefused() {
        StatementEntry credit = new StatementEntry(NOON, euros(100), true, EntryKind.LIQUIDITY_PLEDGE, null, "P-1", null,
                "tx");
        assertThatThrownBy(() -> new AccountStatement(BANK_A, "EUR", 0, 99, List.of(credit)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not add up");
    }
}
