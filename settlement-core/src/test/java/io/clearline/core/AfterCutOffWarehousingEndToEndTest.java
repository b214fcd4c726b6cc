package io.clearline.core;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.businessday.api.AfterCutOffHandling;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import io.clearline.core.businessday.api.RegisterNetworkCommand;
import io.clearline.core.businessday.api.SetAfterCutOffHandlingCommand;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.payment.api.CancelWarehousedPaymentCommand;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentHistoryEntry;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.payment.api.SearchPaymentsQuery;
import io.clearline.core.payment.api.PaymentsPage;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole core on a network that warehouses payments after the cut-off for the next business day. */
class AfterCutOffWarehousingEndToEndTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private Configuration configuration;
    private CommandGateway commands;
    private QueryGateway queries;

    @BeforeEach
    void start() {
        configuration = CoreProbes.startInMemory(new StubLedgerPort());
        commands = configuration.commandGateway();
        queries = configuration.queryGateway();
        commands.sendAndWait(new RegisterNetworkCommand());
        commands.sendAndWait(new SetAfterCutOffHandlingCommand(AfterCutOffHandling.WAREHOUSE));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
    }

    @AfterEach
    void stop() {
        configuration.shutdown();
    }

    @Test
    void aPaymentAfterTheCutOffIsWarehousedSurvivesTheCloseAndSettlesWhenTheNextDayOpens() {
        commands.sendAndWait(new OpenBusinessDayCommand(MONDAY));
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        CoreProbes.awaitPosition(queries, BANK_A, position -> position.balance().equals(euros(1_000)));
        submit(UETR_1, 5_000);
        CoreProbes.awaitPayment(queries, UETR_1, PaymentStatus.QUEUED);

        commands.sendAndWait(new CutOffBusinessDayCommand());
        submit(UETR_2, 300);
        PaymentView warehoused = CoreProbes.awaitPayment(queries, UETR_2, PaymentStatus.WAREHOUSED);
        assertThat(warehoused.reason()).isEqualTo(Reason.of(ReasonCode.TM01, "business day 2026-11-23 is past its"
                + " cut-off; warehoused until the next business day opens"));
        PaymentsPage found = queries.query(new SearchPaymentsQuery(BANK_A, PaymentStatus.WAREHOUSED, null, null, 0,
                10), PaymentsPage.class).join();
        assertThat(found.payments()).extracting(PaymentView::uetr).containsExactly(UETR_2);

        commands.sendAndWait(new CloseBusinessDayCommand());
        CoreProbes.awaitPayment(queries, UETR_1, PaymentStatus.CANCELLED);
        assertThat(payment(UETR_2).status()).as("the close cancels the queue, not the warehouse")
                .isEqualTo(PaymentStatus.WAREHOUSED);

        commands.sendAndWait(new OpenBusinessDayCommand(MONDAY.plusDays(1)));
        PaymentView settled = CoreProbes.awaitPayment(queries, UETR_2, PaymentStatus.SETTLED);
        assertThat(settled.history()).extracting(PaymentHistoryEntry::status).containsExactly(PaymentStatus.RECEIVED,
                PaymentStatus.WAREHOUSED, PaymentStatus.RECEIVED, PaymentStatus.SETTLING, PaymentStatus.SETTLED);
        CoreProbes.awaitPosition(queries, BANK_B, position -> position.balance().equals(euros(300)));
    }

    @Test
    void aWarehousedPaymentCancelledByItsPayerIsNotTakenUpWhenTheNextDayOpens() {
        commands.sendAndWait(new OpenBusinessDayCommand(MONDAY));
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        commands.sendAndWait(new CutOffBusinessDayCommand());
        commands.sendAndWait(new CloseBusinessDayCommand());
        submit(UETR_1, 100);
        submit(UETR_2, 200);
        CoreProbes.awaitPayment(queries, UETR_1, PaymentStatus.WAREHOUSED);
        CoreProbes.awaitPayment(queries, UETR_2, PaymentStatus.WAREHOUSED);
        Reason byPayer = Reason.of(ReasonCode.NARR, "cancelled while warehoused by " + BANK_A.value());
        commands.sendAndWait(new CancelWarehousedPaymentCommand(UETR_1, byPayer));
        assertThat(CoreProbes.awaitPayment(queries, UETR_1, PaymentStatus.CANCELLED).reason()).isEqualTo(byPayer);

        commands.sendAndWait(new OpenBusinessDayCommand(MONDAY.plusDays(1)));
        CoreProbes.awaitPayment(queries, UETR_2, PaymentStatus.SETTLED);
        submit(UETR_3, 50);
        CoreProbes.awaitPayment(queries, UETR_3, PaymentStatus.SETTLED);
        assertThat(payment(UETR_1).status()).isEqualTo(PaymentStatus.CANCELLED);
        CoreProbes.awaitPosition(queries, BANK_B, position -> position.balance().equals(euros(250)));
    }

    private void submit(Uetr uetr, long minorUnits) {
        commands.sendAndWait(new SubmitPaymentCommand(uetr, BANK_A, BANK_B, euros(minorUnits), REFERENCES,
                uetr.value() + minorUnits));
    }

    private PaymentView payment(Uetr uetr) {
        return queries.query(new FindPaymentQuery(uetr), ResponseTypes.optionalInstanceOf(PaymentView.class)).join()
                .orElseThrow();
    }
}
