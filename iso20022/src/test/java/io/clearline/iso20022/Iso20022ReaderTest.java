package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.ON_SETTLEMENT_DAY;
import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.accepted;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Iso20022ReaderTest {

  private static Rejection rejectionOf(CreditTransferSample sample) {
    return rejected(READER.read(sample.bytes(), CreditTransferSample.DEBTOR_AGENT));
  }

  @Test
  void acceptsAndMapsAValidCreditTransfer() {
    CreditTransferMessage message =
        accepted(READER.read(new CreditTransferSample().bytes(), CreditTransferSample.DEBTOR_AGENT));
    assertThat(message.messageId()).isEqualTo("MSG-0001");
    assertThat(message.messageDefinition()).isEqualTo("pacs.008.001.08");
    assertThat(message.creationDateTime()).isEqualTo(Instant.parse("2025-03-14T09:00:00Z"));
    CreditTransfer transfer = message.transactions().getFirst();
    assertThat(transfer.uetr()).isEqualTo(CreditTransferSample.UETR);
    assertThat(transfer.instructionId()).isEqualTo("INSTR-1");
    assertThat(transfer.endToEndId()).isEqualTo("E2E-1");
    assertThat(transfer.transactionId()).isEqualTo("TX-1");
    assertThat(transfer.instructingAgentBic()).isEqualTo("BANKDEFFXXX");
    assertThat(transfer.instructedAgentBic()).isEqualTo("CENTRALBXXX");
    assertThat(transfer.debtorAgentBic()).isEqualTo("BANKDEFFXXX");
    assertThat(transfer.creditorAgentBic()).isEqualTo("BANKFRPPXXX");
    assertThat(transfer.amountMinorUnits()).isEqualTo(123456L);
    assertThat(transfer.currency()).isEqualTo("EUR");
    assertThat(transfer.interbankSettlementDate()).isEqualTo(LocalDate.of(2025, 3, 14));
    assertThat(transfer.debtorName()).isEqualTo("Alice Example");
    assertThat(transfer.debtorAccount()).isEqualTo("DE89370400440532013000");
    assertThat(transfer.creditorName()).isEqualTo("Bob Example");
    assertThat(transfer.creditorAccount()).isEqualTo("FR1420041010050500013M02606");
    assertThat(transfer.contentDigest()).hasSize(64).matches("[0-9a-f]+");
    assertThat(transfer.highPriority()).isFalse();
  }

  @Test
  void aHighInstructionPriorityMakesAHighPriorityPaymentAndADifferentDigest() {
    String normal = new CreditTransferSample().xml();
    String high = normal.replace("</PmtId>", "</PmtId><PmtTpInf><InstrPrty>HIGH</InstrPrty></PmtTpInf>");
    CreditTransfer normalTransfer = ((CreditTransferMessage) accepted(READER.read(
        normal.getBytes(java.nio.charset.StandardCharsets.UTF_8), CreditTransferSample.DEBTOR_AGENT)))
        .transactions().getFirst();
    CreditTransfer highTransfer = ((CreditTransferMessage) accepted(READER.read(
        high.getBytes(java.nio.charset.StandardCharsets.UTF_8), CreditTransferSample.DEBTOR_AGENT)))
        .transactions().getFirst();

    assertThat(highTransfer.highPriority()).isTrue();
    assertThat(highTransfer.contentDigest()).isNotEqualTo(normalTransfer.contentDigest());
    String stated = normal.replace("</PmtId>", "</PmtId><PmtTpInf><InstrPrty>NORM</InstrPrty></PmtTpInf>");
    CreditTransfer statedNormal = ((CreditTransferMessage) accepted(READER.read(
        stated.getBytes(java.nio.charset.StandardCharsets.UTF_8), CreditTransferSample.DEBTOR_AGENT)))
        .transactions().getFirst();
    assertThat(statedNormal.highPriority()).isFalse();
    assertThat(statedNormal.contentDigest()).isEqualTo(normalTransfer.contentDigest());
  }

  @Test
  void acceptsABareDocumentWithoutHeader() {
    accepted(READER.read(new CreditTransferSample().withoutHeader().bytes(), "BANKDEFFXXX"));
  }

  @Test
  void contentDigestIgnoresTheMessageIdButNotTheAmount() {
    String first = transfer(new CreditTransferSample()).contentDigest();
    String resend = transfer(new CreditTransferSample().with("MSGID", "MSG-0002")).contentDigest();
    String changed = transfer(new CreditTransferSample().with("AMOUNT", "1234.57")
        .with("CTRLSUM", "")).contentDigest();
    assertThat(resend).isEqualTo(first);
    assertThat(changed).isNotEqualTo(first);
  }

  private static CreditTransfer transfer(CreditTransferSample sample) {
    return accepted(READER.read(sample.bytes(), null)).transactions().getFirst();
  }

  @Test
  void rejectsAMessageAboveTheSizeLimit() {
    Iso20022Reader small = new Iso20022Reader(
        new ReaderSettings(100, 64, true, ON_SETTLEMENT_DAY, ON_SETTLEMENT_DAY.getZone())
            .withSettlementSystemBic(ReaderTestSupport.SETTLEMENT_SYSTEM_BIC));
    Rejection rejection = rejected(small.read(new CreditTransferSample().bytes(), null));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("above the limit of 100 bytes");
  }

  @Test
  void rejectsElementsNestedDeeperThanTheLimit() {
    String deep = "<a>".repeat(100) + "</a>".repeat(100);
    Rejection rejection = rejected(READER.read(deep.getBytes(StandardCharsets.UTF_8), null));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("deeper than the limit of 64");
  }

  @Test
  void rejectsXmlThatIsNotWellFormed() {
    String broken = new CreditTransferSample().xml().replace("</MsgId>", "</MsgIdx>");
    Rejection rejection = rejected(READER.read(broken.getBytes(StandardCharsets.UTF_8), null));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("not well-formed");
  }

  @Test
  void rejectsAnExternalEntityWithoutReadingIt() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><x>&secret;</x></Document>
        """;
    Rejection rejection = rejected(READER.read(xxe.getBytes(StandardCharsets.UTF_8), null));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("DOCTYPE").doesNotContain("root:");
  }

  @Test
  void rejectsAnUnsupportedMessageDefinition() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("NS", "pacs.008.001.07")
        .with("MSGDEF", "pacs.008.001.07"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).startsWith("unsupported message definition pacs.008.001.07");
    assertThat(rejection.messageDefinition()).isEqualTo("pacs.008.001.07");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pacs.008.001.09", "pacs.008.001.10", "pacs.008.001.11",
      "pacs.008.001.12", "pacs.008.001.13"})
  void mapsEveryPacs008VersionFrom08UpLikeVersion08(String definition) {
    CreditTransferMessage version08 =
        accepted(READER.read(new CreditTransferSample().bytes(), CreditTransferSample.DEBTOR_AGENT));
    CreditTransferMessage other = accepted(READER.read(new CreditTransferSample()
        .with("NS", definition).with("MSGDEF", definition).bytes(), CreditTransferSample.DEBTOR_AGENT));
    assertThat(other.messageDefinition()).isEqualTo(definition);
    assertThat(other.transactions()).isEqualTo(version08.transactions());
    assertThat(other.messageId()).isEqualTo(version08.messageId());
    assertThat(other.creationDateTime()).isEqualTo(version08.creationDateTime());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pacs.008.001.09", "pacs.008.001.13"})
  void appliesTheBusinessRulesToEveryPacs008Version(String definition) {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("NS", definition)
        .with("MSGDEF", definition).with("CDTRIBAN", "FR1420041010050500013M02607"));
    assertThat(rejection.reasonCode()).isEqualTo("AC01");
    assertThat(rejection.messageDefinition()).isEqualTo(definition);
  }

  @Test
  void rejectsAHeaderWhoseMessageDefinitionDiffersFromTheDocument() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("MSGDEF", "pacs.008.001.07"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("MsgDefIdr");
  }

  @Test
  void rejectsAHeaderSenderOtherThanTheInstructingAgent() {
    Rejection rejection = rejected(READER.read(
        new CreditTransferSample().with("FROM", "OTHRGB2LXXX").bytes(), null));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("OTHRGB2LXXX");
  }

  @Test
  void rejectsAnInstructingAgentOtherThanTheBankOfTheChannel() {
    Rejection rejection = rejected(READER.read(new CreditTransferSample().bytes(), "OTHRGB2LXXX"));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
    assertThat(rejection.messageId()).isEqualTo("MSG-0001");
  }

  @Test
  void rejectsAMissingMessageId() {
    assertThat(rejectionOf(new CreditTransferSample().with("MSGID", "")).reasonCode()).isEqualTo("FF01");
  }

  @Test
  void rejectsAMessageIdLongerThan35Characters() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("MSGID", "M".repeat(36)));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("above the limit of 35");
  }

  @Test
  void rejectsANumberOfTransactionsThatDiffersFromTheCount() {
    assertThat(rejectionOf(new CreditTransferSample().with("NBTXS", "2")).reasonCode()).isEqualTo("AM18");
  }

  @Test
  void rejectsAControlSumThatDiffersFromTheSum() {
    Rejection rejection = rejectionOf(
        new CreditTransferSample().with("CTRLSUM", "<CtrlSum>1000.00</CtrlSum>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM10");
  }

  @Test
  void rejectsAMalformedInstructedAgentBic() {
    assertThat(rejectionOf(new CreditTransferSample().with("INSTD", "centralb")).reasonCode())
        .isEqualTo("RC01");
  }

  @Test
  void rejectsAMalformedCreditorAgentBic() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("CDTRAGT", "BANK-FR"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("creditor agent");
  }

  @Test
  void rejectsAMalformedDebtorAgentBic() {
    assertThat(rejectionOf(new CreditTransferSample().with("DBTRAGT", "BANKDEFF1")).reasonCode())
        .isEqualTo("RC01");
  }

  @Test
  void rejectsAnIbanWithABadChecksum() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("CDTRIBAN", "DE89370400440532013001"));
    assertThat(rejection.reasonCode()).isEqualTo("AC01");
    assertThat(rejection.explanation()).contains("CdtrAcct");
  }

  @Test
  void rejectsACurrencyThatIsNotIso4217() {
    assertThat(rejectionOf(new CreditTransferSample().with("CCY", "EUX")).reasonCode()).isEqualTo("AM03");
  }

  @Test
  void rejectsAPreciousMetalAsCurrency() {
    assertThat(rejectionOf(new CreditTransferSample().with("CCY", "XAU")).reasonCode()).isEqualTo("AM03");
  }

  @Test
  void rejectsAZeroAmount() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("AMOUNT", "0.00").with("CTRLSUM", ""));
    assertThat(rejection.reasonCode()).isEqualTo("AM01");
  }

  @Test
  void rejectsANegativeAmount() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("AMOUNT", "-5.00").with("CTRLSUM", ""));
    assertThat(rejection.reasonCode()).isEqualTo("AM12");
  }

  @Test
  void rejectsAmountWithMoreDecimalsThanTheCurrencyAllows() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("CCY", "JPY")
        .with("AMOUNT", "100.5").with("CTRLSUM", ""));
    assertThat(rejection.reasonCode()).isEqualTo("AM12");
    assertThat(rejection.explanation()).contains("more decimals than JPY allows (0)");
  }

  @Test
  void convertsAmountsWithTheCurrencyScale() {
    assertThat(transfer(new CreditTransferSample().with("CCY", "JPY").with("AMOUNT", "1500.00")
        .with("CTRLSUM", "")).amountMinorUnits()).isEqualTo(1500L);
    assertThat(transfer(new CreditTransferSample().with("CCY", "KWD").with("AMOUNT", "1.234")
        .with("CTRLSUM", "")).amountMinorUnits()).isEqualTo(1234L);
    assertThat(transfer(new CreditTransferSample().with("CCY", "CLF").with("AMOUNT", "2.5")
        .with("CTRLSUM", "")).amountMinorUnits()).isEqualTo(25000L);
  }

  @Test
  void rejectsAMissingUetr() {
    assertThat(rejectionOf(new CreditTransferSample().with("UETR", "")).reasonCode()).isEqualTo("NARR");
  }

  @Test
  void rejectsAUetrThatIsNotAVersion4Uuid() {
    Rejection rejection = rejectionOf(new CreditTransferSample()
        .with("UETR", "<UETR>3f1b2c4d-5e6f-1a1b-8c2d-3e4f5a6b7c8d</UETR>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("version-4 UUID");
  }

  @Test
  void lowerCasesTheUetr() {
    String upper = CreditTransferSample.UETR.toUpperCase();
    assertThat(transfer(new CreditTransferSample().with("UETR", "<UETR>" + upper + "</UETR>")).uetr())
        .isEqualTo(CreditTransferSample.UETR);
  }

  @Test
  void rejectsASettlementDateOtherThanTheBusinessDate() {
    Rejection rejection = rejectionOf(new CreditTransferSample().with("DATE", "2025-03-13"));
    assertThat(rejection.reasonCode()).isEqualTo("DT01");
    assertThat(rejection.explanation()).contains("2025-03-14");
  }

  @Test
  void acceptsAnyDateWhenTheSettlementDateCheckIsOff() {
    Iso20022Reader replay = new Iso20022Reader(
        ReaderTestSupport.SETTINGS.withCheckSettlementDate(false));
    accepted(replay.read(new CreditTransferSample().with("DATE", "2019-01-02").bytes(), null));
  }

  @Test
  void rejectsADuplicatedSingleValuedElement() {
    String twice = new CreditTransferSample().xml().replace("<Cdtr><Nm>Bob Example</Nm></Cdtr>",
        "<Cdtr><Nm>Bob Example</Nm></Cdtr><Cdtr><Nm>Mallory</Nm></Cdtr>");
    Rejection rejection = rejected(READER.read(twice.getBytes(StandardCharsets.UTF_8), null));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("Cdtr appears more than once");
  }

  @Test
  void mapsEachTransactionOfAMultiTransactionMessage() {
    String xml = new CreditTransferSample().with("CTRLSUM", "").with("NBTXS", "2").xml();
    int start = xml.indexOf("<CdtTrfTxInf>");
    int end = xml.indexOf("</CdtTrfTxInf>") + "</CdtTrfTxInf>".length();
    String second = xml.substring(start, end)
        .replace(CreditTransferSample.UETR, "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d")
        .replace("E2E-1", "E2E-2");
    String both = xml.substring(0, end) + second + xml.substring(end);
    CreditTransferMessage message = accepted(READER.read(both.getBytes(StandardCharsets.UTF_8), null));
    assertThat(message.transactions()).extracting(CreditTransfer::endToEndId)
        .containsExactly("E2E-1", "E2E-2");
  }
}
