package io.clearline.adapters.outbound;

import static io.clearline.adapters.channel.ChannelFixture.ALPHA;
import static io.clearline.adapters.channel.ChannelFixture.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.adapters.channel.ChannelFixture;
import io.clearline.adapters.channel.InboundMessageServiceTest;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.payment.api.PaymentReferences;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundMessageHandlerTest {
    private static final String UETR = "8a562c67-ca16-48ba-b074-65581be6f001";
    private static final PaymentReferences REFERENCES =
            new PaymentReferences("MSG-1", "pacs.008.001.08", "INSTR-1", "E2E-1");
    private ChannelFixture channel;
    private OutboundMessageHandler handler;

    @BeforeEach
    void wire() throws Exception {
        channel = new ChannelFixture();
        handler = new OutboundMessageHandler(channel.delivery, channel.writer, channel.originals,
                ZoneId.of("Europe/Berlin"));
        channel.originals.keep(UETR, "MSG-1", ALPHA, InboundMessageServiceTest.pacs008(UETR, ALPHA, BRAVO, "250.00"));
    }

    @AfterEach
    void close() throws Exception {
        channel.close();
    }

    private static final String LEDGER_TRANSACTION_ID =
            "9f2c4e1a7b3d5f6081a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081";

    private static PaymentSettledEvent settled() {
        return new PaymentSettledEvent(Uetr.of(UETR), Bic.of(ALPHA), Bic.of(BRAVO), Money.of(25_000, "EUR"),
                REFERENCES, LEDGER_TRANSACTION_ID, Instant.parse("2026-11-24T23:30:00Z"));
    }

    @Test
    void settledPaymentTellsThePayerItSettledAndThePayeeItWasCredited() {
        handler.on(settled());

        assertThat(channel.outboxOf(ALPHA)).singleElement().satisfies(report -> assertThat(report.xml())
                .contains("ACSC").contains(UETR).contains("MSG-1"));
        assertThat(channel.outboxOf(BRAVO)).extracting(OutboundMessage::messageType)
                .containsExactly("pacs.008.001.08", "camt.054.001.08");
        String notification = channel.outboxOf(BRAVO).get(1).xml();
        // A real ledger id is 64 hex characters: AcctSvcrRef (Max35Text) takes its first 35, the entry the whole.
        assertThat(notification).contains("Ccy=\"EUR\">250.00<").contains("CRDT").contains(UETR)
                .contains(">" + LEDGER_TRANSACTION_ID.substring(0, 35) + "<")
                .contains("ledger transaction " + LEDGER_TRANSACTION_ID);
        // Settled at 23:30 UTC, which is already the next day in Frankfurt: the value date is that business
        // day, not the UTC date.
        assertThat(notification).containsPattern("ValDt>\\s*<(\\w+:)?Dt>2026-11-25<");
    }

    @Test
    void replayingASettlementSendsNothingTwice() {
        handler.on(settled());
        handler.on(settled());

        assertThat(channel.outboxOf(ALPHA)).hasSize(1);
        assertThat(channel.outboxOf(BRAVO)).hasSize(2);
    }

    @Test
    void aSettledTransferOfAPacs009OfSeveralPayeesIsForwardedToItsPayeeAlone() {
        String second = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
        byte[] pacs009 = InboundMessageServiceTest.pacs009("FI-9", ALPHA, UETR + " " + BRAVO + " 250.00",
                second + " CHRLEUCCXXX 25.00");
        channel.originals.keep(second, "FI-9", ALPHA, pacs009);

        handler.on(new PaymentSettledEvent(Uetr.of(second), Bic.of(ALPHA), Bic.of("CHRLEUCCXXX"),
                Money.of(2_500, "EUR"), new PaymentReferences("FI-9", "pacs.009.001.08", "0a1b2c3d", "E2E-0a1b2c3d"),
                LEDGER_TRANSACTION_ID, Instant.parse("2026-11-24T10:30:00Z")));

        assertThat(channel.outboxOf("CHRLEUCCXXX")).filteredOn(message -> message.messageType().equals("pacs.009"))
                .singleElement().satisfies(forwarded -> assertThat(forwarded.xml()).contains(second)
                        .doesNotContain(UETR).doesNotContain(BRAVO).containsPattern("NbOfTxs>1<")
                        .containsPattern("CtrlSum>25.00<"));
    }

    @Test
    void pledgeABankAskedForWithACamt050IsAnsweredWithAReceipt() {
        handler.on(new LiquidityPledgedEvent("camt050:" + ALPHA + ":LIQ-1", Bic.of(ALPHA), Money.of(500_000, "EUR"),
                "ef56", Instant.parse("2026-11-24T10:00:00Z")));
        handler.on(new LiquidityPledgedEvent("opening-balance-" + BRAVO + "-EUR", Bic.of(BRAVO),
                Money.of(500_000, "EUR"), "ef57", Instant.parse("2026-11-24T10:00:00Z")));

        assertThat(channel.outboxOf(ALPHA)).singleElement().satisfies(receipt -> {
            assertThat(receipt.messageType()).isEqualTo("camt.025.001.05");
            assertThat(receipt.xml()).contains("LIQ-1").contains("COMP");
        });
        assertThat(channel.outboxOf(BRAVO)).isEmpty();
    }

    @Test
    void rejectedPaymentTellsOnlyThePayerWithItsReason() {
        handler.on(new PaymentRejectedEvent(Uetr.of(UETR), Bic.of(ALPHA), Bic.of(BRAVO), Money.of(25_000, "EUR"),
                REFERENCES, Reason.of(ReasonCode.CNOR, "the payee is not a participant"),
                Instant.parse("2026-11-24T10:00:00Z")));

        assertThat(channel.outboxOf(ALPHA)).singleElement().satisfies(report -> assertThat(report.xml())
                .contains("RJCT").contains("CNOR"));
        assertThat(channel.outboxOf(BRAVO)).isEmpty();
    }
}
