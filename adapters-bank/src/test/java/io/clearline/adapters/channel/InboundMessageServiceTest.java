package io.clearline.adapters.channel;

import static io.clearline.adapters.channel.ChannelFixture.ALPHA;
import static io.clearline.adapters.channel.ChannelFixture.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.adapters.outbound.OutboundMessage;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class InboundMessageServiceTest {
    private static final String UETR = "8a562c67-ca16-48ba-b074-65581be6f001";
    private ChannelFixture channel;

    @BeforeEach
    void wire() throws Exception {
        channel = new ChannelFixture();
    }

    @AfterEach
    void close() throws Exception {
        channel.close();
    }

    public static byte[] pacs008(String uetr, String payer, String payee, String amount) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
                  <FIToFICstmrCdtTrf>
                    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-11-24T09:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    <CdtTrfTxInf>
                      <PmtId><InstrId>INSTR-1</InstrId><EndToEndId>E2E-1</EndToEndId><UETR>%1$s</UETR></PmtId>
                      <IntrBkSttlmAmt Ccy="EUR">%4$s</IntrBkSttlmAmt>
                      <IntrBkSttlmDt>2026-11-24</IntrBkSttlmDt>
                      <ChrgBr>SLEV</ChrgBr>
                      <InstgAgt><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>%3$s</BICFI></FinInstnId></InstdAgt>
                      <Dbtr><Nm>Anna</Nm></Dbtr>
                      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
                      <DbtrAgt><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></DbtrAgt>
                      <CdtrAgt><FinInstnId><BICFI>%3$s</BICFI></FinInstnId></CdtrAgt>
                      <Cdtr><Nm>Bruno</Nm></Cdtr>
                      <CdtrAcct><Id><IBAN>GB82WEST12345698765432</IBAN></Id></CdtrAcct>
                    </CdtTrfTxInf>
                  </FIToFICstmrCdtTrf>
                </Document>
                """.formatted(uetr, payer, payee, amount).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validPaymentIsSubmittedToTheCoreKeyedByItsUetrInMinorUnits() {
        InboundAnswer answer = channel.service.receive(pacs008(UETR, ALPHA, BRAVO, "250.00"), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .containsExactly(new InboundAnswer.TransactionOutcome(UETR, "ACCEPTED"));
        SubmitPaymentCommand command = channel.submitted.getFirst();
        assertThat(command.uetr().value()).isEqualTo(UETR);
        assertThat(command.payer().value()).isEqualTo(ALPHA);
        assertThat(command.payee().value()).isEqualTo(BRAVO);
        assertThat(command.amount().minorUnits()).isEqualTo(25_000);
        assertThat(command.amount().currency()).isEqualTo("EUR");
        assertThat(command.references().messageId()).isEqualTo("MSG-1");
        assertThat(command.references().endToEndId()).isEqualTo("E2E-1");
        assertThat(channel.originals.original(UETR)).isPresent();
        assertThat(channel.outboxOf(ALPHA)).isEmpty();
    }

    @Test
    void messageThatIsNotXmlIsRefusedWithFF01AndAnsweredWithARejection() {
        InboundAnswer answer = channel.service.receive("not xml at all".getBytes(StandardCharsets.UTF_8), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Refused.class);
        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("FF01");
        assertThat(((InboundAnswer.Refused) answer).problem().httpStatus()).isEqualTo(400);
        assertThat(channel.submitted).isEmpty();
        List<OutboundMessage> outbox = channel.outboxOf(ALPHA);
        assertThat(outbox).hasSize(1);
        assertThat(outbox.getFirst().xml()).contains("RJCT").contains("FF01");
        assertThat(channel.filesWritten).hasSize(1);
    }

    @Test
    void bankCannotSpendAnotherBanksMoney() {
        InboundAnswer answer = channel.service.receive(pacs008(UETR, BRAVO, ALPHA, "250.00"), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Refused.class);
        assertThat(channel.submitted).isEmpty();
        assertThat(channel.originals.original(UETR)).isEmpty();
        assertThat(channel.outboxOf(ALPHA)).singleElement()
                .satisfies(rejection -> assertThat(rejection.xml()).contains("RJCT"));
        assertThat(channel.outboxOf(BRAVO)).isEmpty();
    }

    @Test
    void sameUetrWithOtherContentIsAnsweredWithAM05() {
        channel.answer = SubmitPaymentOutcome.DUPLICATE;

        InboundAnswer answer = channel.service.receive(pacs008(UETR, ALPHA, BRAVO, "999.00"), ALPHA);

        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .containsExactly(new InboundAnswer.TransactionOutcome(UETR, "DUPLICATE"));
        assertThat(channel.outboxOf(ALPHA)).singleElement()
                .satisfies(rejection -> assertThat(rejection.xml()).contains("RJCT").contains("AM05")
                        .contains(UETR));
    }

    @Test
    void resentMessageGetsTheFirstAnswerAndIsNotSubmittedAgain() {
        byte[] message = pacs008(UETR, ALPHA, BRAVO, "250.00");
        InboundAnswer first = channel.service.receive(message, ALPHA);
        channel.answer = SubmitPaymentOutcome.REPEATED;

        InboundAnswer again = channel.service.receive(message, ALPHA);

        assertThat(again).isEqualTo(first);
        assertThat(channel.submitted).hasSize(1);
    }

    @Test
    void otherMessageUnderAMessageIdAlreadyUsedIsRefusedWithDU01() {
        channel.service.receive(pacs008(UETR, ALPHA, BRAVO, "250.00"), ALPHA);

        InboundAnswer answer = channel.service.receive(
                pacs008("3f2504e0-4f89-41d3-9a0c-0305e82c3301", ALPHA, BRAVO, "99.00"), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Refused.class);
        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("DU01");
        assertThat(channel.submitted).hasSize(1);
        assertThat(channel.outboxOf(ALPHA)).singleElement()
                .satisfies(rejection -> assertThat(rejection.xml()).contains("RJCT").contains("DU01"));
    }

    @Test
    void sameMessageIdFromAnotherBankIsItsOwn() {
        channel.service.receive(pacs008(UETR, ALPHA, BRAVO, "250.00"), ALPHA);

        InboundAnswer answer = channel.service.receive(
                pacs008("3f2504e0-4f89-41d3-9a0c-0305e82c3301", BRAVO, ALPHA, "99.00"), BRAVO);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
        assertThat(channel.submitted).hasSize(2);
    }

    @Test
    void harmlessRepeatSendsNoSecondAnswer() {
        channel.answer = SubmitPaymentOutcome.REPEATED;

        channel.service.receive(pacs008(UETR, ALPHA, BRAVO, "250.00"), ALPHA);

        assertThat(channel.outboxOf(ALPHA)).isEmpty();
    }

    @Test
    void financialInstitutionTransferBecomesAPaymentFromTheInstructingToTheInstructedAgent() {
        byte[] pacs009 = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
                  <FICdtTrf>
                    <GrpHdr><MsgId>FI-1</MsgId><CreDtTm>2026-11-24T09:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    <CdtTrfTxInf>
                      <PmtId><InstrId>FI-1</InstrId><EndToEndId>FI-E2E-1</EndToEndId><UETR>%s</UETR></PmtId>
                      <IntrBkSttlmAmt Ccy="EUR">1000.00</IntrBkSttlmAmt>
                      <IntrBkSttlmDt>2026-11-24</IntrBkSttlmDt>
                      <InstgAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstdAgt>
                      <Dbtr><FinInstnId><BICFI>%s</BICFI></FinInstnId></Dbtr>
                      <Cdtr><FinInstnId><BICFI>%s</BICFI></FinInstnId></Cdtr>
                    </CdtTrfTxInf>
                  </FICdtTrf>
                </Document>
                """.formatted(UETR, ALPHA, BRAVO, ALPHA, BRAVO).getBytes(StandardCharsets.UTF_8);

        InboundAnswer answer = channel.service.receive(pacs009, ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
        assertThat(channel.submitted).singleElement().satisfies(payment -> {
            assertThat(payment.uetr().value()).isEqualTo(UETR);
            assertThat(payment.payer().value()).isEqualTo(ALPHA);
            assertThat(payment.payee().value()).isEqualTo(BRAVO);
            assertThat(payment.amount().minorUnits()).isEqualTo(100_000);
            assertThat(payment.references().messageDefinition()).isEqualTo("pacs.009.001.08");
        });
        assertThat(channel.outboxOf(ALPHA)).as("answered once it settles, not before").isEmpty();
    }

    static final String CHARLIE = "CHRLEUCCXXX";
    static final String SECOND_UETR = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";

    /**
     * A pacs.009.001.08 from {@code payer}: one transfer per "UETR PAYEE AMOUNT" line, its InstrId the UETR's first
     * eight characters (E2E- and those its EndToEndId), with a control sum.
     */
    public static byte[] pacs009(String messageId, String payer, String... transfers) {
        StringBuilder transactions = new StringBuilder();
        java.math.BigDecimal controlSum = java.math.BigDecimal.ZERO;
        for (String transfer : transfers) {
            String[] parts = transfer.split(" ");
            controlSum = controlSum.add(new java.math.BigDecimal(parts[2]));
            transactions.append("""
                    <CdtTrfTxInf>
                      <PmtId><InstrId>%5$s</InstrId><EndToEndId>E2E-%5$s</EndToEndId><UETR>%1$s</UETR></PmtId>
                      <IntrBkSttlmAmt Ccy="EUR">%4$s</IntrBkSttlmAmt>
                      <IntrBkSttlmDt>2026-11-24</IntrBkSttlmDt>
                      <InstgAgt><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>%3$s</BICFI></FinInstnId></InstdAgt>
                      <Dbtr><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></Dbtr>
                      <Cdtr><FinInstnId><BICFI>%3$s</BICFI></FinInstnId></Cdtr>
                    </CdtTrfTxInf>
                    """.formatted(parts[0], payer, parts[1], parts[2], parts[0].substring(0, 8)));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
                  <FICdtTrf>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>2026-11-24T09:00:00Z</CreDtTm><NbOfTxs>%d</NbOfTxs>
                      <CtrlSum>%s</CtrlSum><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    %s
                  </FICdtTrf>
                </Document>
                """.formatted(messageId, transfers.length, controlSum.toPlainString(), transactions)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachTransferOfAPacs009IsAPaymentOfItsOwnAnsweredByItsUetr() {
        InboundAnswer answer = channel.service.receive(pacs009("FI-2", ALPHA, UETR + " " + BRAVO + " 1000.00",
                SECOND_UETR + " " + CHARLIE + " 25.00"), ALPHA);

        assertThat(answer).isInstanceOfSatisfying(InboundAnswer.Accepted.class, accepted ->
                assertThat(accepted.transactions()).containsExactly(
                        new InboundAnswer.TransactionOutcome(UETR, "ACCEPTED"),
                        new InboundAnswer.TransactionOutcome(SECOND_UETR, "ACCEPTED")));
        assertThat(channel.submitted).extracting(payment -> payment.uetr().value() + " " + payment.payer().value()
                        + " " + payment.payee().value() + " " + payment.amount().minorUnits())
                .containsExactlyInAnyOrder(UETR + " " + ALPHA + " " + BRAVO + " 100000",
                        SECOND_UETR + " " + ALPHA + " " + CHARLIE + " 2500");
        assertThat(channel.originals.original(SECOND_UETR)).as("kept for the forward to its payee").isPresent();
    }

    @Test
    void aTransferOfAPacs009UnderAUetrOfOtherContentIsAnsweredWithAM05AndTheOthersGoOn() {
        channel.answer = SubmitPaymentOutcome.DUPLICATE;

        InboundAnswer answer = channel.service.receive(pacs009("FI-3", ALPHA, UETR + " " + BRAVO + " 1000.00",
                SECOND_UETR + " " + CHARLIE + " 25.00"), ALPHA);

        assertThat(((InboundAnswer.Accepted) answer).transactions())
                .extracting(InboundAnswer.TransactionOutcome::outcome).containsExactly("DUPLICATE", "DUPLICATE");
        assertThat(channel.outboxOf(ALPHA)).hasSize(2).allSatisfy(rejection ->
                assertThat(rejection.xml()).contains("RJCT").contains("AM05"));
    }

    @Test
    void aUetrTwiceInOnePacs009IsRefusedWithAM05AndPaysNothing() {
        InboundAnswer answer = channel.service.receive(pacs009("FI-4", ALPHA, UETR + " " + BRAVO + " 1000.00",
                UETR + " " + CHARLIE + " 25.00"), ALPHA);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("AM05");
        assertThat(channel.submitted).isEmpty();
    }

    static byte[] camt050(String messageId, String debtor, String creditor, String amount) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.050.001.05">
                  <LqdtyCdtTrf>
                    <MsgHdr><MsgId>%s</MsgId><CreDtTm>2026-11-24T09:00:00Z</CreDtTm></MsgHdr>
                    <LqdtyCdtTrf>
                      <LqdtyTrfId><EndToEndId>TOPUP-1</EndToEndId></LqdtyTrfId>
                      <Cdtr><FinInstnId><BICFI>%s</BICFI></FinInstnId></Cdtr>
                      <TrfdAmt><AmtWthCcy Ccy="EUR">%s</AmtWthCcy></TrfdAmt>
                      <Dbtr><FinInstnId><BICFI>%s</BICFI></FinInstnId></Dbtr>
                    </LqdtyCdtTrf>
                  </LqdtyCdtTrf>
                </Document>
                """.formatted(messageId, creditor, amount, debtor).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void liquidityTransferToItsOwnLedgerAccountPledgesOnceKeyedByItsMessageId() {
        InboundAnswer answer = channel.service.receive(camt050("LIQ-1", ALPHA, ALPHA, "5000.00"), ALPHA);
        InboundAnswer again = channel.service.receive(camt050("LIQ-1", ALPHA, ALPHA, "5000.00"), ALPHA);

        assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class).isEqualTo(again);
        assertThat(channel.pledged).singleElement().satisfies(pledge -> {
            assertThat(pledge.participant().value()).isEqualTo(ALPHA);
            assertThat(pledge.amount().minorUnits()).isEqualTo(500_000);
            assertThat(pledge.transferId()).isEqualTo("camt050:" + ALPHA + ":LIQ-1");
        });
    }

    @Test
    void liquidityTransferToAnotherBankIsRefusedAsAPayment() {
        InboundAnswer answer = channel.service.receive(camt050("LIQ-2", ALPHA, BRAVO, "5000.00"), ALPHA);

        assertThat(((InboundAnswer.Refused) answer).reasonCode()).isEqualTo("AG01");
        assertThat(channel.pledged).isEmpty();
    }

    @Test
    void oversizedMessageIsRefusedUnreadWithFF01() {
        InboundAnswer answer = channel.service.refuseOversized(ALPHA, 5_000_000, 1_048_576);

        assertThat(((InboundAnswer.Refused) answer).problem().httpStatus()).isEqualTo(413);
        assertThat(channel.outboxOf(ALPHA)).singleElement()
                .satisfies(rejection -> assertThat(rejection.xml()).contains("FF01"));
    }
}
