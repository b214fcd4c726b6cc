package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.acceptedAs;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pacs.009, financial institution credit transfer, core and cover. */
class Pacs009ReaderTest {

  private static FinancialInstitutionCreditTransferMessage accepted(CreditTransferSample sample) {
    return acceptedAs(READER.read(sample.bytes(), CreditTransferSample.DEBTOR_AGENT),
        FinancialInstitutionCreditTransferMessage.class);
  }

  private static Rejection rejectionOf(CreditTransferSample sample) {
    return rejected(READER.read(sample.bytes(), CreditTransferSample.DEBTOR_AGENT));
  }

  @Test
  void acceptsAndMapsACoverTransfer() {
    FinancialInstitutionCreditTransferMessage message = accepted(CreditTransferSample.pacs009());
    assertThat(message.messageId()).isEqualTo("MSG-0001");
    assertThat(message.messageDefinition()).isEqualTo("pacs.009.001.08");
    FinancialInstitutionCreditTransfer transfer = message.transactions().getFirst();
    assertThat(transfer.uetr()).isEqualTo(CreditTransferSample.UETR);
    assertThat(transfer.endToEndId()).isEqualTo("E2E-1");
    assertThat(transfer.instructingAgentBic()).isEqualTo("BANKDEFFXXX");
    assertThat(transfer.instructedAgentBic()).isEqualTo("CENTRALBXXX");
    assertThat(transfer.debtorBic()).isEqualTo("BANKDEFFXXX");
    assertThat(transfer.creditorBic()).isEqualTo("BANKFRPPXXX");
    assertThat(transfer.debtorAgentBic()).isNull();
    assertThat(transfer.amountMinorUnits()).isEqualTo(123456L);
    assertThat(transfer.currency()).isEqualTo("EUR");
    assertThat(transfer.interbankSettlementDate()).isEqualTo(LocalDate.of(2025, 3, 14));
    assertThat(transfer.cover()).isTrue();
    assertThat(transfer.underlyingDebtorName()).isEqualTo("Alice Example");
    assertThat(transfer.underlyingCreditorName()).isEqualTo("Bob Example");
    assertThat(transfer.contentDigest()).hasSize(64);
  }

  @Test
  void aTransferWithoutUnderlyingCustomerTransferIsCore() {
    FinancialInstitutionCreditTransfer transfer =
        accepted(CreditTransferSample.pacs009().with("UNDERLYING", "")).transactions().getFirst();
    assertThat(transfer.cover()).isFalse();
    assertThat(transfer.underlyingDebtorName()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pacs.009.001.09", "pacs.009.001.10", "pacs.009.001.11",
      "pacs.009.001.12"})
  void mapsEveryPacs009VersionFrom08UpLikeVersion08(String definition) {
    FinancialInstitutionCreditTransferMessage version08 = accepted(CreditTransferSample.pacs009());
    FinancialInstitutionCreditTransferMessage other = accepted(CreditTransferSample.pacs009()
        .with("NS", definition).with("MSGDEF", definition));
    assertThat(other.messageDefinition()).isEqualTo(definition);
    assertThat(other.transactions()).isEqualTo(version08.transactions());
  }

  @Test
  void rejectsADebtorInstitutionWithoutBic() {
    Rejection rejection = rejectionOf(CreditTransferSample.pacs009().with("DBTR", ""));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("the debtor (Dbtr)");
  }

  @Test
  void rejectsAMalformedCreditorInstitutionBic() {
    Rejection rejection = rejectionOf(CreditTransferSample.pacs009().with("CDTR", "NOT-A-BIC"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("creditor (Cdtr) BIC 'NOT-A-BIC'");
  }

  @Test
  void rejectsAMalformedOptionalDebtorAgentBic() {
    Rejection rejection = rejectionOf(CreditTransferSample.pacs009().with("DBTRAGTBLOCK",
        "<DbtrAgt><FinInstnId><BICFI>bad</BICFI></FinInstnId></DbtrAgt>"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("debtor agent (DbtrAgt) BIC 'bad'");
  }

  @Test
  void rejectsAnInstructingAgentOtherThanTheBankOfTheChannel() {
    Rejection rejection = rejected(READER.read(CreditTransferSample.pacs009().bytes(),
        "OTHRBANKXXX"));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
  }

  @Test
  void rejectsAHeaderSenderOtherThanTheInstructingAgent() {
    Rejection rejection = rejectionOf(CreditTransferSample.pacs009().with("FROM", "OTHRBANKXXX"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("AppHdr/Fr");
  }

  @Test
  void rejectsAControlSumThatDiffersFromTheSum() {
    Rejection rejection = rejectionOf(CreditTransferSample.pacs009()
        .with("CTRLSUM", "<CtrlSum>1.00</CtrlSum>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM10");
  }

  @Test
  void rejectsAmountWithMoreDecimalsThanTheCurrencyAllows() {
    Rejection rejection = rejectionOf(CreditTransferSample.pacs009().with("CCY", "JPY")
        .with("AMOUNT", "10.5").with("CTRLSUM", ""));
    assertThat(rejection.reasonCode()).isEqualTo("AM12");
  }

  @Test
  void rejectsAMissingUetr() {
    assertThat(rejectionOf(CreditTransferSample.pacs009().with("UETR", "")).reasonCode())
        .isEqualTo("NARR");
  }

  @Test
  void rejectsASettlementDateOtherThanTheBusinessDate() {
    assertThat(rejectionOf(CreditTransferSample.pacs009().with("DATE", "2025-03-13"))
        .reasonCode()).isEqualTo("DT01");
  }

  /** The sample with its transaction twice, the second under another UETR and EndToEndId. */
  private static byte[] twoTransfers(String secondUetr) {
    String xml = CreditTransferSample.pacs009().with("CTRLSUM", "").with("NBTXS", "2").xml();
    int start = xml.indexOf("<CdtTrfTxInf>");
    int end = xml.indexOf("</CdtTrfTxInf>") + "</CdtTrfTxInf>".length();
    String second = xml.substring(start, end)
        .replace(CreditTransferSample.UETR, secondUetr)
        .replace("E2E-1", "E2E-2");
    return (xml.substring(0, end) + second + xml.substring(end))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void mapsEveryTransferOfAMultiTransactionMessageInOrder() {
    FinancialInstitutionCreditTransferMessage message = acceptedAs(READER.read(
        twoTransfers("0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d"), CreditTransferSample.DEBTOR_AGENT),
        FinancialInstitutionCreditTransferMessage.class);
    assertThat(message.transactionCount()).isEqualTo(2);
    assertThat(message.transactions()).extracting(FinancialInstitutionCreditTransfer::endToEndId)
        .containsExactly("E2E-1", "E2E-2");
    assertThat(message.transactions()).extracting(FinancialInstitutionCreditTransfer::uetr)
        .containsExactly(CreditTransferSample.UETR, "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
  }

  @Test
  void aMultiTransactionMessageWithOneBrokenTransferIsRefusedWholeNamingItsPosition() {
    Rejection rejection = rejected(READER.read(twoTransfers("3f1b2c4d-5e6f-1a1b-8c2d-3e4f5a6b7c8d"),
        CreditTransferSample.DEBTOR_AGENT));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).startsWith("transaction 2 (EndToEndId E2E-2): ");
  }

  @Test
  void refusesMoreTransfersThanTheLimitPerMessageWithAM18() {
    int count = GroupMapper.TRANSACTIONS_PER_MESSAGE_MAX + 1;
    String xml = CreditTransferSample.pacs009().with("CTRLSUM", "").with("UNDERLYING", "")
        .with("NBTXS", Integer.toString(count)).xml();
    int start = xml.indexOf("<CdtTrfTxInf>");
    int end = xml.indexOf("</CdtTrfTxInf>") + "</CdtTrfTxInf>".length();
    String more = xml.substring(start, end).repeat(count - 1);

    Rejection rejection = rejected(READER.read((xml.substring(0, end) + more + xml.substring(end))
        .getBytes(StandardCharsets.UTF_8), CreditTransferSample.DEBTOR_AGENT));

    assertThat(rejection.reasonCode()).isEqualTo("AM18");
    assertThat(rejection.explanation()).contains("at most "
        + GroupMapper.TRANSACTIONS_PER_MESSAGE_MAX + " per message");
  }

  @Test
  void refusesAnEndToEndIdLongerThan35CharactersWithFF01() {
    String tooLong = "E2E-" + "X".repeat(32);
    Rejection rejection = rejected(READER.read(CreditTransferSample.pacs009().xml()
        .replace("E2E-1", tooLong).getBytes(StandardCharsets.UTF_8),
        CreditTransferSample.DEBTOR_AGENT));

    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("PmtId/EndToEndId is 36 characters");
  }
}
