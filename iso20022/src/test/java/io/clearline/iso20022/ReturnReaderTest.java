package io.clearline.iso20022;

import static io.clearline.iso20022.MessageSample.agent;
import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.acceptedAs;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pacs.004 payment return: one test per rule, each changing one field. */
class ReturnReaderTest {

  /** The returning bank: it received the original payment and sends the money back. */
  private static final String BANK = CreditTransferSample.CREDITOR_AGENT;

  private static ReturnMessage accepted(MessageSample sample) {
    return acceptedAs(READER.read(sample.bytes(), BANK), ReturnMessage.class);
  }

  private static Rejection rejectionOf(MessageSample sample) {
    return rejected(READER.read(sample.bytes(), BANK));
  }

  private static MessageSample returning(String amount) {
    return MessageSample.pacs004().with("CTRLSUM", "")
        .with("AMOUNT", "<RtrdIntrBkSttlmAmt " + amount + "</RtrdIntrBkSttlmAmt>");
  }

  @Test
  void acceptsAndMapsAReturn() {
    ReturnMessage message = accepted(MessageSample.pacs004());

    assertThat(message).isEqualTo(new ReturnMessage("RTR-MSG-1", "pacs.004.001.09",
        Instant.parse("2025-03-14T09:30:00Z"), List.of(new PaymentReturn("RTR-1", "MSG-0001",
            "pacs.008.001.08", "INSTR-1", "E2E-1", CreditTransferSample.UETR, BANK,
            CreditTransferSample.DEBTOR_AGENT, 100_000L, "EUR", LocalDate.of(2025, 3, 14),
            "AC04"))));
    assertThat(message.transactionCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pacs.004.001.10", "pacs.004.001.11", "pacs.004.001.12",
      "pacs.004.001.13", "pacs.004.001.14"})
  void mapsEveryPacs004VersionFrom09UpLikeVersion09(String definition) {
    ReturnMessage other = accepted(MessageSample.pacs004().version(definition));
    assertThat(other.messageDefinition()).isEqualTo(definition);
    assertThat(other.transactions()).isEqualTo(accepted(MessageSample.pacs004()).transactions());
  }

  @Test
  void pacs004VersionsBefore09AreUnsupported() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().version("pacs.004.001.08"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("unsupported message definition");
  }

  @Test
  void aReturnWithoutReturnIdIsIdentifiedByItsOriginalUetr() {
    PaymentReturn payment = accepted(MessageSample.pacs004().with("RTRID", ""))
        .transactions().getFirst();
    assertThat(payment.returnId()).isNull();
    assertThat(payment.originalUetr()).isEqualTo(CreditTransferSample.UETR);
  }

  @Test
  void theGroupHeadersSettlementDateServesATransactionWithoutItsOwn() {
    assertThat(accepted(MessageSample.pacs004().with("DATE", "")
        .with("GRPDATE", "<IntrBkSttlmDt>2025-03-14</IntrBkSttlmDt>")).transactions().getFirst()
        .interbankSettlementDate()).isEqualTo(LocalDate.of(2025, 3, 14));
  }

  @Test
  void aThreeDecimalCurrencyIsReturnedInItsMinorUnits() {
    PaymentReturn payment = accepted(returning("Ccy=\"KWD\">1.234")).transactions().getFirst();
    assertThat(payment.returnedAmountMinorUnits()).isEqualTo(1234L);
    assertThat(payment.currency()).isEqualTo("KWD");
  }

  @Test
  void returnWithoutOriginalUetrIsRefusedWithNARR() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().with("UETR", ""));
    assertThat(rejection.reasonCode()).isEqualTo("NARR");
    assertThat(rejection.explanation()).contains("OrgnlUETR is missing");
  }

  @Test
  void returnWithAMalformedOriginalUetrIsRefusedWithFF01() {
    assertThat(rejectionOf(MessageSample.pacs004()
        .with("UETR", "<OrgnlUETR>3f1b2c4d5e6f4a1b8c2d3e4f5a6b7c8d</OrgnlUETR>")).reasonCode())
        .isEqualTo("FF01");
  }

  @Test
  void returnWithoutReasonIsRefusedWithNARR() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().with("REASON", ""));
    assertThat(rejection.reasonCode()).isEqualTo("NARR");
    assertThat(rejection.explanation()).contains("RtrRsnInf/Rsn is missing");
  }

  @Test
  void returnWithAReturnIdAbove35CharactersIsRefusedWithFF01() {
    Rejection rejection = rejectionOf(MessageSample.pacs004()
        .with("RTRID", "<RtrId>" + "R".repeat(36) + "</RtrId>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("RtrId is 36 characters");
  }

  @Test
  void returnOfAZeroAmountIsRefusedWithAM01() {
    assertThat(rejectionOf(returning("Ccy=\"EUR\">0.00")).reasonCode()).isEqualTo("AM01");
  }

  @Test
  void returnOfANegativeAmountIsRefusedWithAM12() {
    assertThat(rejectionOf(returning("Ccy=\"EUR\">-1.00")).reasonCode()).isEqualTo("AM12");
  }

  @Test
  void returnWithMoreDecimalsThanTheCurrencyAllowsIsRefusedWithAM12() {
    Rejection rejection = rejectionOf(returning("Ccy=\"JPY\">10.5"));
    assertThat(rejection.reasonCode()).isEqualTo("AM12");
    assertThat(rejection.explanation()).contains("RtrdIntrBkSttlmAmt 10.5 has more decimals");
  }

  @Test
  void returnInAnUnknownCurrencyIsRefusedWithAM03() {
    assertThat(rejectionOf(returning("Ccy=\"XAU\">1.00")).reasonCode()).isEqualTo("AM03");
  }

  @Test
  void returnWithoutReturnedAmountIsRefusedWithAM12() {
    assertThat(rejectionOf(MessageSample.pacs004().with("AMOUNT", "").with("CTRLSUM", ""))
        .reasonCode()).isEqualTo("AM12");
  }

  @Test
  void returnWithoutSettlementDateIsRefusedWithDT01() {
    assertThat(rejectionOf(MessageSample.pacs004().with("DATE", "")).reasonCode())
        .isEqualTo("DT01");
  }

  @Test
  void returnForAnotherDayThanTheBusinessDateIsRefusedWithDT01() {
    assertThat(rejectionOf(MessageSample.pacs004()
        .with("DATE", "<IntrBkSttlmDt>2025-03-13</IntrBkSttlmDt>")).reasonCode())
        .isEqualTo("DT01");
  }

  @Test
  void returnWithoutInstructingAgentIsRefusedWithRC01() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().with("INSTG", ""));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("the instructing agent (InstgAgt) has no BICFI");
  }

  @Test
  void returnWithAMalformedInstructedAgentBicIsRefusedWithRC01() {
    assertThat(rejectionOf(MessageSample.pacs004().with("INSTD", agent("InstdAgt", "bad")))
        .reasonCode()).isEqualTo("RC01");
  }

  @Test
  void returnFromAHeaderSenderOtherThanTheInstructingAgentIsRefusedWithRC01() {
    Rejection rejection = rejected(READER.read(MessageSample.pacs004()
        .with("FROM", CreditTransferSample.DEBTOR_AGENT).bytes(), null));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("AppHdr/Fr");
  }

  @Test
  void returnOfAnotherBanksMoneyIsRefusedWithAG01() {
    Rejection rejection = rejected(READER.read(MessageSample.pacs004().withoutHeader().bytes(),
        CreditTransferSample.DEBTOR_AGENT));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
  }

  @Test
  void returnWhoseNumberOfTransactionsDiffersIsRefusedWithAM18() {
    assertThat(rejectionOf(MessageSample.pacs004().with("NBTXS", "2")).reasonCode())
        .isEqualTo("AM18");
  }

  @Test
  void returnWhoseControlSumDiffersFromTheReturnedAmountsIsRefusedWithAM10() {
    Rejection rejection = rejectionOf(MessageSample.pacs004()
        .with("CTRLSUM", "<CtrlSum>1234.56</CtrlSum>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM10");
    assertThat(rejection.explanation()).contains("amounts add up to 1000.00");
  }

  @Test
  void returnWithoutAnyTransactionIsRefusedWithFF01() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().with("NBTXS", "0")
        .with("CTRLSUM", "").with("ORIGINALGROUP", "<!--").with("MORE", "-->"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("the message holds no TxInf");
  }

  private static final String SECOND_UETR = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";

  /** A second return in the same message: 234.56 EUR of payment SECOND_UETR, for AC04. */
  private static String secondReturn(String uetr, String instructingAgent) {
    return "<TxInf><RtrId>RTR-2</RtrId><OrgnlEndToEndId>E2E-2</OrgnlEndToEndId>"
        + "<OrgnlUETR>" + uetr + "</OrgnlUETR>"
        + "<RtrdIntrBkSttlmAmt Ccy=\"EUR\">234.56</RtrdIntrBkSttlmAmt>"
        + "<IntrBkSttlmDt>2025-03-14</IntrBkSttlmDt>"
        + agent("InstgAgt", instructingAgent)
        + agent("InstdAgt", CreditTransferSample.DEBTOR_AGENT)
        + "<RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf></TxInf>";
  }

  @Test
  void mapsEveryReturnOfAMultiTransactionMessageInOrder() {
    ReturnMessage message = accepted(MessageSample.pacs004().with("NBTXS", "2")
        .with("CTRLSUM", "<CtrlSum>1234.56</CtrlSum>")
        .with("MORE", secondReturn(SECOND_UETR, BANK)));

    assertThat(message.transactionCount()).isEqualTo(2);
    assertThat(message.transactions()).extracting(PaymentReturn::originalUetr)
        .containsExactly(CreditTransferSample.UETR, SECOND_UETR);
    assertThat(message.transactions()).extracting(PaymentReturn::returnedAmountMinorUnits)
        .containsExactly(100_000L, 23_456L);
  }

  @Test
  void aMultiTransactionReturnWithOneBrokenReturnIsRefusedWholeNamingItsPosition() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().with("NBTXS", "2")
        .with("CTRLSUM", "").with("MORE", secondReturn("not-a-uetr", BANK)));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).startsWith("transaction 2: ");
  }

  @Test
  void aMultiTransactionReturnOfAnotherBanksMoneyIsRefusedWithAG01() {
    Rejection rejection = rejectionOf(MessageSample.pacs004().withoutHeader().with("NBTXS", "2")
        .with("CTRLSUM", "").with("MORE", secondReturn(SECOND_UETR, "OTHRGB2LXXX")));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
    assertThat(rejection.explanation()).contains("OTHRGB2LXXX' of transaction 2");
  }
}
