package io.clearline.adapters.channel;

import static io.clearline.adapters.channel.ChannelFixture.ALPHA;
import static io.clearline.adapters.channel.ChannelFixture.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;

import com.prowidesoftware.swift.model.mx.MxCamt02900109;
import com.prowidesoftware.swift.model.mx.MxPacs00200110;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction102;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction110;
import io.clearline.adapters.outbound.OutboundMessage;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.PaymentHistoryEntry;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status requests (pacs.028), cancellation requests (camt.056) and returns (pacs.004) through a channel. */
class InvestigationChannelTest {
    private static final String CHARLIE = "CHAREUCCXXX";
    private static final String SETTLED_UETR = "8a562c67-ca16-48ba-b074-65581be6f001";
    private static final String QUEUED_UETR = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final String REJECTED_UETR = "6b1f3e2a-9c4d-4e7f-8a1b-2c3d4e5f6a7b";
    private static final String UNKNOWN_UETR = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
    private static final Instant SETTLED_AT = Instant.parse("2026-11-24T09:00:02Z");
    private ChannelFixture channel;

    @BeforeEach
    void wire() throws Exception {
        channel = new ChannelFixture();
        channel.payments.put(SETTLED_UETR, payment(SETTLED_UETR, PaymentStatus.SETTLED, null));
        channel.payments.put(QUEUED_UETR, payment(QUEUED_UETR, PaymentStatus.QUEUED,
                Reason.of(ReasonCode.AM04, "queued behind 2 payments: waiting for liquidity")));
        channel.payments.put(REJECTED_UETR, payment(REJECTED_UETR, PaymentStatus.REJECTED,
                Reason.of(ReasonCode.CNOR, "the payee is not an active participant")));
    }

    @AfterEach
    void close() throws Exception {
        channel.close();
    }

    /** A payment from ALPHA to BRAVO as the core's read side shows it. */
    private static PaymentView payment(String uetr, PaymentStatus status, Reason reason) {
        List<PaymentHistoryEntry> history = Stream.of(
                        new PaymentHistoryEntry(SETTLED_AT.minusSeconds(2), PaymentStatus.RECEIVED, "received"),
                        new PaymentHistoryEntry(SETTLED_AT, status, status.name()))
                .toList();
        return new PaymentView(Uetr.of(uetr), Bic.of(ALPHA), Bic.of(BRAVO), Money.of(25_000, "EUR"), status, reason,
                status == PaymentStatus.SETTLED ? "LEDGER-TX-1" : null, history);
    }

    /** A pacs.028 from {@code requester} asking about each UETR (or, for null, by end-to-end id only). */
    static byte[] pacs028(String messageId, String requester, String... uetrs) {
        String questions = Stream.of(uetrs)
                .map(uetr -> "<TxInf>" + (uetr == null ? "<OrgnlEndToEndId>E2E-9</OrgnlEndToEndId>"
                        : "<OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><OrgnlUETR>" + uetr + "</OrgnlUETR>") + "</TxInf>")
                .collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.028.001.03">
                  <FIToFIPmtStsReq>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>2026-11-24T09:30:00Z</CreDtTm>
                      <InstgAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstgAgt></GrpHdr>
                    %s
                  </FIToFIPmtStsReq>
                </Document>
                """.formatted(messageId, requester, questions).getBytes(StandardCharsets.UTF_8);
    }

    private List<PaymentTransaction110> statusesSentTo(String bic) {
        List<OutboundMessage> outbox = channel.outboxOf(bic);
        assertThat(outbox).hasSize(1);
        return MxPacs00200110.parse(outbox.getFirst().xml()).getFIToFIPmtStsRpt().getTxInfAndSts();
    }

    @Test
    void statusRequestIsAnsweredWithEachPaymentsCurrentStatusInOnePacs002() {
        InboundAnswer answer = channel.service.receive(
                pacs028("STS-1", ALPHA, SETTLED_UETR, QUEUED_UETR, REJECTED_UETR), ALPHA);

        assertThat(((InboundAnswer.Accepted) answer).transactions()).containsExactly(
                new InboundAnswer.TransactionOutcome(SETTLED_UETR, "ACSC"),
                new InboundAnswer.TransactionOutcome(QUEUED_UETR, "PDNG"),
                new InboundAnswer.TransactionOutcome(REJECTED_UETR, "RJCT"));
        List<PaymentTransaction110> statuses = statusesSentTo(ALPHA);
        assertThat(statuses).extracting(PaymentTransaction110::getOrgnlUETR)
                .containsExactly(SETTLED_UETR, QUEUED_UETR, REJECTED_UETR);
        assertThat(statuses.get(0).getAccptncDtTm()).isEqualTo(SETTLED_AT.atOffset(ZoneOffset.UTC));
        assertThat(statuses.get(0).getOrgnlEndToEndId()).isEqualTo("E2E-1");
        assertThat(statuses.get(1).getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("AM04");
        assertThat(statuses.get(2).getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("CNOR");
        assertThat(channel.submitted).isEmpty();
    }

    @Test
    void payeeMayAskAboutAPaymentItReceives() {
        InboundAnswer answer = channel.service.receive(pacs028("STS-2", BRAVO, SETTLED_UETR), BRAVO);

        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .containsExactly(new InboundAnswer.TransactionOutcome(SETTLED_UETR, "ACSC"));
        assertThat(statusesSentTo(BRAVO)).singleElement()
                .satisfies(status -> assertThat(status.getTxSts()).isEqualTo("ACSC"));
    }

    @Test
    void statusRequestNeverRevealsAnotherBanksPayment() {
        InboundAnswer answer = channel.service.receive(
                pacs028("STS-3", CHARLIE, SETTLED_UETR, UNKNOWN_UETR), CHARLIE);

        assertThat(((InboundAnswer.Accepted) answer).transactions()).containsExactly(
                new InboundAnswer.TransactionOutcome(SETTLED_UETR, "RJCT"),
                new InboundAnswer.TransactionOutcome(UNKNOWN_UETR, "RJCT"));
        List<PaymentTransaction110> statuses = statusesSentTo(CHARLIE);
        // Someone else's payment reads exactly like one that does not exist.
        assertThat(statuses).allSatisfy(status -> {
            assertThat(status.getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("AG09");
            assertThat(status.getAccptncDtTm()).isNull();
            assertThat(String.join("", status.getStsRsnInf().getFirst().getAddtlInf()))
                    .isEqualTo("No payment with UETR " + status.getOrgnlUETR() + " sent or received by "
                            + CHARLIE + " is known here");
        });
        assertThat(channel.outboxOf(CHARLIE).getFirst().xml()).doesNotContain(ALPHA).doesNotContain(BRAVO)
                .doesNotContain("250.00");
    }

    @Test
    void questionWithoutUetrIsAnsweredAsNotLookedUp() {
        InboundAnswer answer = channel.service.receive(pacs028("STS-4", ALPHA, (String) null), ALPHA);

        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .containsExactly(new InboundAnswer.TransactionOutcome(null, "RJCT"));
        assertThat(statusesSentTo(ALPHA)).singleElement().satisfies(status -> {
            assertThat(status.getOrgnlEndToEndId()).isEqualTo("E2E-9");
            assertThat(status.getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("NARR");
            assertThat(status.getStsRsnInf().getFirst().getAddtlInf().getFirst()).contains("by UETR only");
        });
    }

    @Test
    void statusRequestForAnotherBankIsRefusedWithAG01() {
        InboundAnswer answer = channel.service.receive(pacs028("STS-5", BRAVO, SETTLED_UETR), ALPHA);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("AG01");
        assertThat(channel.outboxOf(BRAVO)).isEmpty();
        assertThat(channel.outboxOf(ALPHA)).singleElement()
                .satisfies(rejection -> assertThat(rejection.xml()).contains("RJCT").contains("AG01"));
    }

    @Test
    void statusRequestIsAnsweredAsUnavailableWhenTheCoreCannotLookPaymentsUp() {
        channel.coreUnavailable = true;

        InboundAnswer answer = channel.service.receive(pacs028("STS-6", ALPHA, SETTLED_UETR), ALPHA);

        assertThat(((InboundAnswer.Refused) answer).problem()).isEqualTo(InboundAnswer.Problem.CORE_UNAVAILABLE);
        assertThat(channel.outboxOf(ALPHA)).isEmpty();
    }

    private static byte[] camt056(String assignmentId, String assigner, String... uetrs) {
        String transactions = Stream.of(uetrs).map(uetr -> """
                <TxInf>
                  <Case><Id>CASE-7</Id><Cretr><Agt><FinInstnId><BICFI>%1$s</BICFI></FinInstnId></Agt></Cretr></Case>
                  <OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><OrgnlUETR>%2$s</OrgnlUETR>
                  <CxlRsnInf><Rsn><Cd>DUPL</Cd></Rsn></CxlRsnInf>
                </TxInf>""".formatted(assigner, uetr)).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.056.001.08">
                  <FIToFIPmtCxlReq>
                    <Assgnmt><Id>%1$s</Id>
                      <Assgnr><Agt><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></Agt></Assgnr>
                      <Assgne><Agt><FinInstnId><BICFI>CENBEUCBXXX</BICFI></FinInstnId></Agt></Assgne>
                      <CreDtTm>2026-11-24T09:30:00Z</CreDtTm></Assgnmt>
                    <Undrlyg>%3$s</Undrlyg>
                  </FIToFIPmtCxlReq>
                </Document>
                """.formatted(assignmentId, assigner, transactions).getBytes(StandardCharsets.UTF_8);
    }

    /** The one camt.029 in the bank's outbox, and its payments' statuses with reasons, in order. */
    private List<String> resolutionFor(String bic, String confirmation) {
        OutboundMessage resolution = channel.outboxOf(bic).stream()
                .filter(message -> message.messageType().equals("camt.029.001.09")).findFirst().orElseThrow();
        MxCamt02900109 camt = MxCamt02900109.parse(resolution.xml());
        assertThat(camt.getRsltnOfInvstgtn().getSts().getConf()).isEqualTo(confirmation);
        assertThat(camt.getRsltnOfInvstgtn().getRslvdCase().getId()).isEqualTo("CASE-7");
        return camt.getRsltnOfInvstgtn().getCxlDtls().getFirst().getTxInfAndSts().stream()
                .map(payment -> payment.getTxCxlSts().value() + (payment.getCxlStsRsnInf().isEmpty() ? ""
                        : " " + payment.getCxlStsRsnInf().getFirst().getRsn().getCd()))
                .toList();
    }

    @Test
    void aQueuedPaymentIsCancelledAtThePayersRequest() {
        InboundAnswer answer = channel.service.receive(camt056("CXL-1", ALPHA, QUEUED_UETR), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
        assertThat(channel.cancelled).singleElement().satisfies(cancel -> {
            assertThat(cancel.uetr().value()).isEqualTo(QUEUED_UETR);
            assertThat(cancel.reason().explanation()).contains("DUPL", "CXL-1");
        });
        assertThat(resolutionFor(ALPHA, "CNCL")).containsExactly("ACCR");
    }

    @Test
    void aWarehousedPaymentIsCancelledAtThePayersRequest() {
        String warehoused = "3f2504e0-4f89-41d3-9a0c-0305e82c3309";
        channel.payments.put(warehoused, payment(warehoused, PaymentStatus.WAREHOUSED,
                Reason.of(ReasonCode.TM01, "business day 2026-11-24 is past its cut-off; waits for the next")));

        InboundAnswer answer = channel.service.receive(camt056("CXL-9", ALPHA, warehoused), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
        assertThat(channel.cancelled).isEmpty();
        assertThat(channel.cancelledWarehoused).singleElement().satisfies(cancel -> {
            assertThat(cancel.uetr().value()).isEqualTo(warehoused);
            assertThat(cancel.reason().explanation()).contains("CXL-9");
        });
        assertThat(resolutionFor(ALPHA, "CNCL")).containsExactly("ACCR");
    }

    @Test
    void aSettledPaymentsCancellationRequestGoesOnToItsPayeeAndThePayerIsToldItIsPending() {
        channel.service.receive(camt056("CXL-2", ALPHA, SETTLED_UETR), ALPHA);

        assertThat(resolutionFor(ALPHA, "PDCR")).containsExactly("PDCR");
        assertThat(channel.outboxOf(BRAVO)).singleElement().satisfies(forwarded -> {
            assertThat(forwarded.messageType()).isEqualTo("camt.056");
            assertThat(forwarded.xml()).contains("CXL-2").contains(SETTLED_UETR);
        });
        assertThat(channel.cancelled).isEmpty();
    }

    @Test
    void everyOtherPaymentIsRefusedWithItsReasonAndAnotherBanksPaymentIsNotKnown() {
        channel.service.receive(camt056("CXL-3", ALPHA, REJECTED_UETR, UNKNOWN_UETR), ALPHA);
        assertThat(resolutionFor(ALPHA, "RJCR")).containsExactly("RJCR ARJR", "RJCR NOOR");

        // Bravo is the queued payment's payee: only its payer may cancel it, and Bravo learns nothing.
        channel.service.receive(camt056("CXL-4", BRAVO, QUEUED_UETR), BRAVO);
        assertThat(resolutionFor(BRAVO, "RJCR")).containsExactly("RJCR NOOR");
        assertThat(channel.cancelled).isEmpty();
        assertThat(channel.outboxOf(BRAVO)).extracting(OutboundMessage::messageType).containsExactly("camt.029.001.09");
    }

    private static byte[] pacs004(String messageId, String amount, String... extraTransactions) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09">
                  <PmtRtr>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>2026-11-24T09:30:00Z</CreDtTm><NbOfTxs>%d</NbOfTxs>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    %s%s
                  </PmtRtr>
                </Document>
                """.formatted(messageId, 1 + extraTransactions.length, returnTransaction("RTR-1", amount),
                String.join("", extraTransactions)).getBytes(StandardCharsets.UTF_8);
    }

    private static String returnTransaction(String returnId, String amount) {
        return """
                <TxInf>
                  <RtrId>%s</RtrId><OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><OrgnlUETR>%s</OrgnlUETR>
                  <RtrdIntrBkSttlmAmt Ccy="EUR">%s</RtrdIntrBkSttlmAmt>
                  <IntrBkSttlmDt>2026-11-24</IntrBkSttlmDt>
                  <InstgAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstgAgt>
                  <InstdAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstdAgt>
                  <RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf>
                </TxInf>
                """.formatted(returnId, SETTLED_UETR, amount, BRAVO, ALPHA);
    }

    @Test
    void paymentReturnBecomesAReturnOfTheSettledPaymentUnderAUetrItsResendKeeps() {
        InboundAnswer answer = channel.service.receive(pacs004("RTR-1", "250.00"), BRAVO);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
        assertThat(channel.returned).singleElement().satisfies(returned -> {
            assertThat(returned.originalUetr().value()).isEqualTo(SETTLED_UETR);
            assertThat(returned.returner().value()).isEqualTo(BRAVO);
            assertThat(returned.amount().minorUnits()).isEqualTo(25_000);
            assertThat(returned.returnReason()).isEqualTo("AC04");
            assertThat(returned.returnUetr().value()).isNotEqualTo(SETTLED_UETR);
        });
        assertThat(channel.submitted).as("the core submits the return payment itself").isEmpty();

        channel.service.receive(pacs004("RTR-1b", "250.00"), BRAVO);
        assertThat(channel.returned).hasSize(2);
        assertThat(channel.returned.get(1).returnUetr()).as("another message is another return")
                .isNotEqualTo(channel.returned.get(0).returnUetr());
    }

    @Test
    void aReturnOfMoreThanIsLeftIsRefusedWithAM09() {
        channel.returnRefusal = new IllegalArgumentException("a return of 30000 exceeds the 25000 (minor units) of"
                + " payment " + SETTLED_UETR + " left to return");

        InboundAnswer answer = channel.service.receive(pacs004("RTR-2", "300.00"), BRAVO);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("AM09");
        assertThat(channel.outboxOf(BRAVO)).singleElement().satisfies(rejection ->
                assertThat(rejection.xml()).contains("RJCT").contains("AM09").contains("exceeds"));
    }

    @Test
    void aReturnOfSomeoneElsesPaymentIsRefusedAsIfThePaymentWereUnknown() {
        channel.returnRefusal = new IllegalArgumentException("only the payee BRAVO returns payment x, not y");

        InboundAnswer answer = channel.service.receive(pacs004("RTR-3", "1.00"), BRAVO);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("NARR");
        assertThat(((InboundAnswer.Refused) answer).explanation()).doesNotContain("only the payee")
                .contains("no payment " + SETTLED_UETR + " of yours");
    }

    @Test
    void eachReturnOfAPacs004IsAReturnOfItsOwnUnderItsOwnUetr() {
        InboundAnswer answer = channel.service.receive(pacs004("RTR-4", "1.00", returnTransaction("RTR-5", "2.00")),
                BRAVO);

        assertThat(channel.returned).extracting(returned -> returned.amount().minorUnits())
                .containsExactlyInAnyOrder(100L, 200L);
        assertThat(channel.returned).extracting(returned -> returned.returnUetr().value())
                .doesNotHaveDuplicates().doesNotContain(SETTLED_UETR);
        assertThat(((InboundAnswer.Accepted) answer).transactions()).extracting(InboundAnswer.TransactionOutcome::uetr)
                .containsExactlyInAnyOrderElementsOf(channel.returned.stream()
                        .map(returned -> returned.returnUetr().value()).toList());
        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .extracting(InboundAnswer.TransactionOutcome::outcome).containsExactly("ACCEPTED", "ACCEPTED");
        assertThat(channel.outboxOf(BRAVO)).as("answered once they settle, not before").isEmpty();
    }

    @Test
    void aReturnTheCoreRefusesIsAnsweredOnItsOwnWhileTheOthersOfItsMessageGoOn() {
        channel.returnRefusedAboveMinorUnits = 150;

        InboundAnswer answer = channel.service.receive(pacs004("RTR-6", "1.00", returnTransaction("RTR-7", "2.00")),
                BRAVO);

        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .extracting(InboundAnswer.TransactionOutcome::outcome).containsExactly("ACCEPTED", "RJCT");
        assertThat(channel.returned).singleElement().extracting(returned -> returned.amount().minorUnits())
                .isEqualTo(100L);
        assertThat(channel.outboxOf(BRAVO)).singleElement().satisfies(rejection -> assertThat(rejection.xml())
                .contains("RJCT").contains("AM09").contains("RTR-7").doesNotContain("RTR-1<"));
    }

    @Test
    void aPacs004WhoseEveryReturnIsRefusedIsRefusedWhole() {
        channel.returnRefusal = new IllegalArgumentException("a return exceeds what is left to return");

        InboundAnswer answer = channel.service.receive(pacs004("RTR-8", "1.00", returnTransaction("RTR-9", "2.00")),
                BRAVO);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("AM09");
        assertThat(((InboundAnswer.Refused) answer).explanation()).startsWith("all 2 returns were refused");
        assertThat(channel.outboxOf(BRAVO)).singleElement().satisfies(rejection ->
                assertThat(rejection.xml()).contains("RJCT").contains("AM09"));
    }

    @Test
    void twoReturnsOfOneMessageThatCannotBeToldApartAreRefusedWithAM05AndReturnNothing() {
        InboundAnswer answer = channel.service.receive(pacs004("RTR-10", "1.00", returnTransaction("RTR-1", "2.00")),
                BRAVO);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("AM05");
        assertThat(channel.returned).isEmpty();
    }
}
