package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.euros;

import io.clearline.core.StubLedgerPort;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.liquidity.api.CompleteLiquidityTransferCommand;
import io.clearline.core.liquidity.api.CreditPledgeCommand;
import io.clearline.core.liquidity.api.FailLiquidityTransferCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgeRequestedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferCompletedEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiquidityPledgeSagaTest {
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00Z");
    private SagaTestFixture<LiquidityPledgeSaga> fixture;
    private StubLedgerPort ledger;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(LiquidityPledgeSaga.class);
        ledger = new StubLedgerPort();
        fixture.registerResource(ledger);
    }

    @Test
    void aRequestedPledgeIssuesCashAndCompletesTheTransfer() {
        fixture.givenNoPriorActivity()
                .whenAggregate("T-1").publishes(new LiquidityPledgeRequestedEvent("T-1", BANK_A, euros(1_000), AT))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CompleteLiquidityTransferCommand("T-1", "tx-T-1"));
    }

    @Test
    void aCompletedTransferCreditsTheAccountAndEnds() {
        fixture.givenAggregate("T-1").published(new LiquidityPledgeRequestedEvent("T-1", BANK_A, euros(1_000), AT))
                .whenAggregate("T-1").publishes(
                        new LiquidityTransferCompletedEvent("T-1", BANK_A, euros(1_000), "tx-T-1", AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new CreditPledgeCommand(
                        new LiquidityAccountId(BANK_A, "EUR"), "T-1", euros(1_000), "tx-T-1"));
    }

    @Test
    void aLedgerRefusalFailsTheTransfer() {
        Reason refusal = Reason.of(ReasonCode.NARR, "no reserves pledged");
        ledger.issuance = request -> CompletableFuture.failedFuture(new LedgerRefusedException(refusal));
        fixture.givenNoPriorActivity()
                .whenAggregate("T-1").publishes(new LiquidityPledgeRequestedEvent("T-1", BANK_A, euros(1_000), AT))
                .expectDispatchedCommands(new FailLiquidityTransferCommand("T-1", refusal));
    }
}
