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

/** pacs.028 payment status request: one test per rule, each changing one field. */
class StatusRequestReaderTest {

  private static final String BANK = CreditTransferSample.DEBTOR_AGENT;

  private static StatusRequestMessage accepted(MessageSample sample) {
    return acceptedAs(READER.read(sample.bytes(), BANK), StatusRequestMessage.class);
  }

  private static Rejection rejectionOf(MessageSample sample) {
    return rejected(READER.read(sample.bytes(), BANK));
  }

  /** A second TxInf asking about another payment, by UETR only. */
  private static String anotherQuestion(String requester) {
    return "<TxInf><OrgnlUETR>0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d</OrgnlUETR>"
        + agent("InstgAgt", requester) + "</TxInf>";
  }

  @Test
  void acceptsAndMapsAStatusRequestAboutOnePayment() {
    StatusRequestMessage message = accepted(MessageSample.pacs028());

    assertThat(message).isEqualTo(new StatusRequestMessage("STS-MSG-1", "pacs.028.001.03",
        Instant.parse("2025-03-14T09:30:00Z"), BANK, List.of(new StatusRequest("STS-1",
            "MSG-0001", "pacs.008.001.08", "INSTR-1", "E2E-1", "TX-1",
            CreditTransferSample.UETR))));
    assertThat(message.transactionCount()).isEqualTo(1);
    assertThat(message.requests().getFirst().isMessageLevel()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pacs.028.001.04", "pacs.028.001.05", "pacs.028.001.06"})
  void mapsEveryPacs028VersionFrom03UpLikeVersion03(String definition) {
    StatusRequestMessage other = accepted(MessageSample.pacs028().version(definition));
    assertThat(other.messageDefinition()).isEqualTo(definition);
    assertThat(other).usingRecursiveComparison().ignoringFields("messageDefinition")
        .isEqualTo(accepted(MessageSample.pacs028()));
  }

  @Test
  void pacs028VersionsBefore03AreUnsupported() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().version("pacs.028.001.02"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("unsupported message definition");
  }

  @Test
  void aPaymentMayBeAskedAboutByItsEndToEndIdAlone() {
    StatusRequest request = accepted(MessageSample.pacs028().with("UETR", "")
        .with("ORIGINAL", "").with("STSREQID", "")
        .with("REFERENCES", "<OrgnlEndToEndId>E2E-1</OrgnlEndToEndId>")).requests().getFirst();
    assertThat(request).isEqualTo(
        new StatusRequest(null, null, null, null, "E2E-1", null, null));
  }

  @Test
  void theOriginalUetrIsReadInLowerCase() {
    assertThat(accepted(MessageSample.pacs028().with("UETR", "<OrgnlUETR>"
        + CreditTransferSample.UETR.toUpperCase() + "</OrgnlUETR>")).requests().getFirst()
        .originalUetr()).isEqualTo(CreditTransferSample.UETR);
  }

  @Test
  void aWholeOriginalMessageMayBeAskedAboutByTheGroupHeadersAgent() {
    StatusRequestMessage message = accepted(MessageSample.pacs028()
        .with("GRPAGTS", agent("InstgAgt", BANK))
        .with("ORIGINALGROUPS", "<OrgnlGrpInf><OrgnlMsgId>MSG-0007</OrgnlMsgId>"
            + "<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>"));

    assertThat(message.requests()).hasSize(2);
    StatusRequest wholeMessage = message.requests().getFirst();
    assertThat(wholeMessage.isMessageLevel()).isTrue();
    assertThat(wholeMessage.originalMessageId()).isEqualTo("MSG-0007");
    assertThat(wholeMessage.originalMessageDefinition()).isEqualTo("pacs.008.001.08");
  }

  @Test
  void theGroupHeadersAgentAsksForEveryPaymentWithoutItsOwn() {
    StatusRequestMessage message = accepted(MessageSample.pacs028()
        .with("GRPAGTS", agent("InstgAgt", BANK)).with("INSTG", ""));
    assertThat(message.requestingAgentBic()).isEqualTo(BANK);
  }

  @Test
  void statusRequestWithoutAnyOriginalReferenceIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("UETR", "")
        .with("REFERENCES", ""));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("status request 1: names no original payment");
    assertThat(rejection.messageId()).isEqualTo("STS-MSG-1");
  }

  @Test
  void statusRequestAskingAboutNothingIsRefused() {
    Rejection rejection = rejectionOf(noQuestionAtAll());
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("holds neither OrgnlGrpInf nor TxInf");
  }

  private static MessageSample noQuestionAtAll() {
    // The template always has one TxInf; comment it out to leave the request empty.
    return MessageSample.pacs028().with("ORIGINALGROUPS", "<!--").with("MORE", "-->");
  }

  @Test
  void statusRequestWithAMalformedOriginalUetrIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.pacs028()
        .with("UETR", "<OrgnlUETR>3f1b2c4d-5e6f-1a1b-8c2d-3e4f5a6b7c8d</OrgnlUETR>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("OrgnlUETR '3f1b2c4d-5e6f-1a1b-8c2d-3e4f5a6b7c8d'"
        + " is not a version-4 UUID");
  }

  @Test
  void statusRequestWithoutMessageIdIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("MSGID", ""));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("GrpHdr/MsgId is missing");
  }

  @Test
  void statusRequestWithAMessageIdAbove35CharactersIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("MSGID", "M".repeat(36)));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("GrpHdr/MsgId is 36 characters");
  }

  @Test
  void statusRequestWithoutCreationDateTimeIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("CREDTTM", ""));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("GrpHdr/CreDtTm is missing");
  }

  @Test
  void statusRequestWithAnOriginalEndToEndIdAbove35CharactersIsRefused() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("REFERENCES",
        "<OrgnlEndToEndId>" + "E".repeat(36) + "</OrgnlEndToEndId>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("OrgnlEndToEndId is 36 characters");
  }

  @Test
  void statusRequestWithoutRequestingAgentIsRefusedWithRC01() {
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("INSTG", ""));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("the requesting agent (InstgAgt) has no BICFI");
  }

  @Test
  void statusRequestWithAMalformedRequestingAgentBicIsRefusedWithRC01() {
    Rejection rejection = rejectionOf(MessageSample.pacs028()
        .with("INSTG", agent("InstgAgt", "bad")));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
  }

  @Test
  void statusRequestWithAMalformedInstructedAgentBicIsRefusedWithRC01() {
    Rejection rejection = rejectionOf(MessageSample.pacs028()
        .with("INSTD", agent("InstdAgt", "NOT-A-BIC")));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("instructed agent (InstdAgt) BIC 'NOT-A-BIC'");
  }

  @Test
  void statusRequestSpeakingForTwoBanksIsRefusedWithRC01() {
    Rejection rejection = rejectionOf(MessageSample.pacs028()
        .with("MORE", anotherQuestion(CreditTransferSample.CREDITOR_AGENT)));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("status request 2:")
        .contains("one status request speaks for one bank");
  }

  @Test
  void statusRequestAboutSeveralPaymentsOfOneBankIsMappedInOrder() {
    StatusRequestMessage message = accepted(MessageSample.pacs028().with("MORE",
        anotherQuestion(BANK)));
    assertThat(message.requests()).extracting(StatusRequest::originalUetr)
        .containsExactly(CreditTransferSample.UETR, "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d");
  }

  @Test
  void statusRequestFromAHeaderSenderOtherThanTheRequestingAgentIsRefusedWithRC01() {
    Rejection rejection = rejected(READER.read(MessageSample.pacs028()
        .with("FROM", "OTHRGB2LXXX").bytes(), null));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("AppHdr/Fr BIC 'OTHRGB2LXXX' differs from the"
        + " requesting agent (InstgAgt) 'BANKDEFFXXX'");
  }

  @Test
  void statusRequestFromAnotherBanksChannelIsRefusedWithAG01() {
    Rejection rejection = rejected(READER.read(MessageSample.pacs028().withoutHeader().bytes(),
        "OTHRGB2LXXX"));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
    assertThat(rejection.explanation()).contains("a bank may only ask about its own payments");
  }

  @Test
  void statusRequestAboutMoreThanTheLimitOfPaymentsIsRefusedWithAM18() {
    String questions = anotherQuestion(BANK).repeat(StatusRequestMessage.REQUESTS_MAX);
    Rejection rejection = rejectionOf(MessageSample.pacs028().with("MORE", questions));
    assertThat(rejection.reasonCode()).isEqualTo("AM18");
    assertThat(rejection.explanation()).contains("at most " + StatusRequestMessage.REQUESTS_MAX);
  }

  @Test
  void statusRequestAboutExactlyTheLimitOfPaymentsIsAccepted() {
    String questions = anotherQuestion(BANK).repeat(StatusRequestMessage.REQUESTS_MAX - 1);
    assertThat(accepted(MessageSample.pacs028().with("MORE", questions)).transactionCount())
        .isEqualTo(StatusRequestMessage.REQUESTS_MAX);
  }
}
