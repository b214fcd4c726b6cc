package io.clearline.iso20022;

import static io.clearline.iso20022.MessageSample.agent;
import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.acceptedAs;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** camt.056 payment cancellation request: one test per rule, each changing one field. */
class CancellationRequestReaderTest {

  private static final String BANK = CreditTransferSample.DEBTOR_AGENT;
  private static final String OTHER_UETR = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";

  private static CancellationRequestMessage accepted(MessageSample sample) {
    return acceptedAs(READER.read(sample.bytes(), BANK), CancellationRequestMessage.class);
  }

  private static Rejection rejectionOf(MessageSample sample) {
    return rejected(READER.read(sample.bytes(), BANK));
  }

  /** A second TxInf in the same Undrlyg, cancelling another payment. */
  private static String anotherPayment(String amount) {
    return "<TxInf><OrgnlUETR>" + OTHER_UETR + "</OrgnlUETR>"
        + "<OrgnlIntrBkSttlmAmt Ccy=\"EUR\">" + amount + "</OrgnlIntrBkSttlmAmt>"
        + "<CxlRsnInf><Rsn><Cd>CUST</Cd></Rsn></CxlRsnInf></TxInf>";
  }

  @Test
  void acceptsAndMapsACancellationRequest() {
    CancellationRequestMessage message = accepted(MessageSample.camt056());

    assertThat(message).isEqualTo(new CancellationRequestMessage("CXL-MSG-1", "camt.056.001.08",
        Instant.parse("2025-03-14T09:30:00Z"), BANK, "CENTRALBXXX", List.of(
            new CancellationRequest("CXL-1", "CASE-1", "MSG-0001", "pacs.008.001.08", "INSTR-1",
                "E2E-1", CreditTransferSample.UETR, "DUPL"))));
    assertThat(message.messageId()).isEqualTo("CXL-MSG-1");
    assertThat(message.transactionCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"camt.056.001.09", "camt.056.001.10", "camt.056.001.11"})
  void mapsEveryCamt056VersionFrom08UpLikeVersion08(String definition) {
    CancellationRequestMessage other = accepted(MessageSample.camt056().version(definition));
    assertThat(other.messageDefinition()).isEqualTo(definition);
    assertThat(other).usingRecursiveComparison().ignoringFields("messageDefinition")
        .isEqualTo(accepted(MessageSample.camt056()));
  }

  @Test
  void camt056VersionsBefore08AreUnsupported() {
    Rejection rejection = rejectionOf(MessageSample.camt056().version("camt.056.001.07"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("unsupported message definition");
  }

  @Test
  void theMessagesCaseServesEveryPaymentWithoutItsOwn() {
    CancellationRequest request = accepted(MessageSample.camt056().with("TXCASE", "")
        .with("CASE", "<Case><Id>CASE-9</Id><Cretr>" + agent("Agt", BANK) + "</Cretr></Case>"))
        .transactions().getFirst();
    assertThat(request.caseId()).isEqualTo("CASE-9");
  }

  @Test
  void aProprietaryReasonIsKeptWhenThereIsNoCode() {
    assertThat(accepted(MessageSample.camt056()
        .with("REASON", "<CxlRsnInf><Rsn><Prtry>WRONG BENEFICIARY</Prtry></Rsn></CxlRsnInf>"))
        .transactions().getFirst().reasonCode()).isEqualTo("WRONG BENEFICIARY");
  }

  @Test
  void severalPaymentsAreMappedInOrderAndMatchTheControlData() {
    CancellationRequestMessage message = accepted(MessageSample.camt056()
        .with("MORE", anotherPayment("5.44"))
        .with("CTRLDATA", "<CtrlData><NbOfTxs>2</NbOfTxs><CtrlSum>1240.00</CtrlSum></CtrlData>"));
    assertThat(message.transactions()).extracting(CancellationRequest::originalUetr)
        .containsExactly(CreditTransferSample.UETR, OTHER_UETR);
  }

  @Test
  void cancellationRequestWithoutAssignmentIdIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.camt056().with("MSGID", ""));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("Assgnmt/Id is missing");
  }

  @Test
  void cancellationRequestWithAnAssignmentIdAbove35CharactersIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.camt056().with("MSGID", "A".repeat(36)));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("Assgnmt/Id is 36 characters");
  }

  @Test
  void cancellationRequestWithoutCreationDateTimeIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.camt056().with("CREDTTM", ""));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("Assgnmt/CreDtTm is missing");
  }

  @Test
  void cancellationRequestFromAnAssignerWithoutBicIsRefusedWithRC01() {
    Rejection rejection = rejectionOf(MessageSample.camt056()
        .with("ASSGNR", "<Assgnr><Pty><Nm>Some Bank</Nm></Pty></Assgnr>"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("the assigner (Assgnmt/Assgnr/Agt) has no BICFI");
  }

  @Test
  void cancellationRequestFromAnAssignerWithAMalformedBicIsRefusedWithRC01() {
    assertThat(rejectionOf(MessageSample.camt056()
        .with("ASSGNR", "<Assgnr>" + agent("Agt", "bad") + "</Assgnr>")).reasonCode())
        .isEqualTo("RC01");
  }

  @Test
  void cancellationRequestFromAHeaderSenderOtherThanTheAssignerIsRefusedWithRC01() {
    Rejection rejection = rejected(READER.read(MessageSample.camt056()
        .with("FROM", "OTHRGB2LXXX").bytes(), null));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("differs from the assigner (Assgnmt/Assgnr)");
  }

  @Test
  void cancellationRequestFromAnotherBanksChannelIsRefusedWithAG01() {
    Rejection rejection = rejected(READER.read(MessageSample.camt056().withoutHeader().bytes(),
        "OTHRGB2LXXX"));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
    assertThat(rejection.explanation()).contains("may only ask to cancel its own payments");
  }

  @Test
  void cancellationRequestWithoutOriginalUetrIsRefusedWithNARR() {
    Rejection rejection = rejectionOf(MessageSample.camt056().with("UETR", ""));
    assertThat(rejection.reasonCode()).isEqualTo("NARR");
    assertThat(rejection.explanation()).contains("transaction 1: OrgnlUETR is missing");
  }

  @Test
  void cancellationRequestWithAMalformedOriginalUetrIsRefusedWithFF01() {
    Rejection rejection = rejectionOf(MessageSample.camt056()
        .with("UETR", "<OrgnlUETR>not-a-uuid</OrgnlUETR>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("OrgnlUETR 'not-a-uuid' is not a version-4 UUID");
  }

  @Test
  void cancellationRequestWithoutReasonIsRefusedWithNARR() {
    Rejection rejection = rejectionOf(MessageSample.camt056().with("REASON", ""));
    assertThat(rejection.reasonCode()).isEqualTo("NARR");
    assertThat(rejection.explanation()).contains("CxlRsnInf/Rsn is missing");
  }

  @Test
  void cancellationRequestWithAReasonCodeLongerThanAnExternalCodeIsRefusedWithFF01() {
    Rejection rejection = rejectionOf(MessageSample.camt056()
        .with("REASON", "<CxlRsnInf><Rsn><Cd>DUPLICATE</Cd></Rsn></CxlRsnInf>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
  }

  @Test
  void cancellationRequestWithACancellationIdAbove35CharactersIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.camt056()
        .with("CXLID", "<CxlId>" + "C".repeat(36) + "</CxlId>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("CxlId is 36 characters");
  }

  @Test
  void cancellationOfAWholeOriginalMessageIsRefused() {
    String wholeMessage = "</Undrlyg><Undrlyg><OrgnlGrpInfAndCxl><OrgnlMsgId>MSG-0001"
        + "</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId><GrpCxl>true</GrpCxl>"
        + "</OrgnlGrpInfAndCxl>";
    Rejection rejection = rejectionOf(MessageSample.camt056().with("MORE", wholeMessage));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("Undrlyg 2 names no TxInf");
  }

  @Test
  void cancellationRequestWhoseNumberOfTransactionsDiffersIsRefusedWithAM18() {
    Rejection rejection = rejectionOf(MessageSample.camt056()
        .with("CTRLDATA", "<CtrlData><NbOfTxs>2</NbOfTxs></CtrlData>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM18");
    assertThat(rejection.explanation()).contains("CtrlData/NbOfTxs is '2'");
  }

  @Test
  void cancellationRequestWhoseControlSumDiffersIsRefusedWithAM10() {
    Rejection rejection = rejectionOf(MessageSample.camt056()
        .with("CTRLDATA", "<CtrlData><NbOfTxs>1</NbOfTxs><CtrlSum>1.00</CtrlSum></CtrlData>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM10");
    assertThat(rejection.explanation()).contains("CtrlData/CtrlSum is 1.00");
  }
}
