package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.ON_SETTLEMENT_DAY;
import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.SETTINGS;
import static io.clearline.iso20022.ReaderTestSupport.accepted;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The envelope rules: a bare Document, or AppHdr and Document as the only children of any
 * transport wrapper; transport safety for the wrapped form; and the AppHdr's receiver.
 */
class EnvelopeReaderTest {

  private static final String SENDER = CreditTransferSample.DEBTOR_AGENT;

  /** The sample's AppHdr then Document, without the test wrapper around them. */
  private static String headerAndDocument() {
    return unwrapped(new CreditTransferSample());
  }

  private static String unwrapped(CreditTransferSample sample) {
    return sample.xml().replace("<BizMsg>\n", "").replace("</BizMsg>\n", "");
  }

  private static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptsAMessageInsideTheSwiftEnvelope() {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Envelope xmlns=\"urn:swift:xsd:envelope\">" + headerAndDocument() + "</Envelope>";
    CreditTransferMessage message = accepted(READER.read(bytes(xml), SENDER));
    assertThat(message.messageId()).isEqualTo("MSG-0001");
  }

  @Test
  void acceptsAMessageInsideANestedTransportWrapperWhoseInnermostWrapperHoldsOnlyAppHdrAndDocument() {
    String xml = "<Saa:DataPDU xmlns:Saa=\"urn:swift:saa:xsd:saa.2.0\"><Saa:Revision>2.0.13"
        + "</Saa:Revision><Saa:Header><Saa:Message><Saa:MessageIdentifier>pacs.008.001.08"
        + "</Saa:MessageIdentifier></Saa:Message></Saa:Header><Saa:Body>" + headerAndDocument()
        + "</Saa:Body></Saa:DataPDU>";
    accepted(READER.read(bytes(xml), SENDER));
  }

  @Test
  void acceptsABareDocumentAsTheRootElement() {
    String xml = unwrapped(new CreditTransferSample().withoutHeader());
    assertThat(xml.strip()).startsWith("<Document");
    accepted(READER.read(bytes(xml), SENDER));
  }

  @Test
  void acceptsTheHeaderAfterTheDocumentBecauseTheSchemasPrescribeNoOrder() {
    String header = CreditTransferSample.fill(CreditTransferSample.APP_HDR, Map.of(
        "FROM", SENDER, "MSGID", "MSG-0001", "MSGDEF", "pacs.008.001.08"));
    String document = unwrapped(new CreditTransferSample().withoutHeader());
    accepted(READER.read(bytes("<Envelope>" + document + header + "</Envelope>"), SENDER));
  }

  @Test
  void rejectsAWrapperHoldingAnElementBesidesAppHdrAndDocument() {
    String xml = "<Envelope>" + headerAndDocument() + "<Signature>forged</Signature></Envelope>";
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation())
        .contains("Envelope holds Signature besides AppHdr and Document");
  }

  @Test
  void rejectsAnAppHdrThatIsNotBesideTheDocument() {
    String header = CreditTransferSample.fill(CreditTransferSample.APP_HDR, Map.of(
        "FROM", SENDER, "MSGID", "MSG-0001", "MSGDEF", "pacs.008.001.08"));
    String document = unwrapped(new CreditTransferSample().withoutHeader());
    String xml = "<Transport><Head>" + header + "</Head><Body>" + document + "</Body></Transport>";
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("AppHdr is not beside the Document");
  }

  @Test
  void rejectsAnEnvelopeHoldingTwoDocuments() {
    String document = unwrapped(new CreditTransferSample().withoutHeader());
    String xml = "<Envelope>" + headerAndDocument() + document + "</Envelope>";
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("more than one Document");
  }

  @Test
  void rejectsADoctypeAroundAWrappedMessageWithoutExpandingIt() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Envelope [<!ENTITY boom \"boom\">"
        + "<!ENTITY boom2 \"&boom;&boom;&boom;&boom;\">]>\n<Envelope>"
        + headerAndDocument().replace("Alice Example", "&boom2;") + "</Envelope>";
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("DOCTYPE");
  }

  @Test
  void rejectsAnEntityReferenceInsideAWrappedMessage() {
    String xml = "<Envelope>" + headerAndDocument().replace("Alice Example", "&secret;")
        + "</Envelope>";
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
  }

  @Test
  void rejectsAWrappedMessageAboveTheSizeLimit() {
    byte[] wrapped = bytes("<Envelope>" + headerAndDocument() + "</Envelope>");
    Iso20022Reader small = new Iso20022Reader(new ReaderSettings(wrapped.length - 1,
        ReaderSettings.NESTING_DEPTH_MAX_DEFAULT, true, ON_SETTLEMENT_DAY,
        ON_SETTLEMENT_DAY.getZone()).withSettlementSystemBic(SETTINGS.settlementSystemBic()));
    Rejection rejection = rejected(small.read(wrapped, SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("above the limit of " + (wrapped.length - 1));
  }

  @Test
  void rejectsWrappersNestedDeeperThanTheLimitAroundAValidMessage() {
    int depth = ReaderSettings.NESTING_DEPTH_MAX_DEFAULT;
    String xml = "<Wrap>".repeat(depth) + headerAndDocument() + "</Wrap>".repeat(depth);
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("deeper than the limit of " + depth);
  }

  private static String addressedTo(String receiverElement) {
    return new CreditTransferSample().xml().replace(
        "<To><FIId><FinInstnId><BICFI>CENTRALBXXX</BICFI></FinInstnId></FIId></To>",
        receiverElement);
  }

  @Test
  void rejectsAHeaderAddressedToAnotherInstitutionWithIncorrectAgent() {
    String xml = addressedTo(
        "<To><FIId><FinInstnId><BICFI>OTHRGB2LXXX</BICFI></FinInstnId></FIId></To>");
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo(ReasonCode.INCORRECT_AGENT).isEqualTo("AGNT");
    assertThat(rejection.explanation()).contains("OTHRGB2LXXX").contains("CENTRALBXXX");
    assertThat(rejection.messageId()).isEqualTo("MSG-0001");
    assertThat(rejection.messageDefinition()).isEqualTo("pacs.008.001.08");
  }

  @Test
  void rejectsAHeaderWhoseReceiverIsNotIdentifiedByABicWithRC01() {
    String byName = addressedTo("<To><OrgId><Id><OrgId><Othr><Id>CLEARLINE</Id></Othr></OrgId>"
        + "</Id></OrgId></To>");
    String malformed = addressedTo(
        "<To><FIId><FinInstnId><BICFI>central</BICFI></FinInstnId></FIId></To>");
    Rejection noBic = rejected(READER.read(bytes(byName), SENDER));
    Rejection badBic = rejected(READER.read(bytes(malformed), SENDER));
    assertThat(noBic.reasonCode()).isEqualTo("RC01");
    assertThat(noBic.explanation()).contains("AppHdr/To names no BIC");
    assertThat(badBic.reasonCode()).isEqualTo("RC01");
    assertThat(badBic.explanation()).contains("'central' is not a valid BIC");
  }

  @Test
  void acceptsAnyReceiverWhenNoSettlementSystemBicIsConfigured() {
    String xml = addressedTo(
        "<To><FIId><FinInstnId><BICFI>OTHRGB2LXXX</BICFI></FinInstnId></FIId></To>");
    Iso20022Reader anyReceiver = new Iso20022Reader(SETTINGS.withSettlementSystemBic(null));
    accepted(anyReceiver.read(bytes(xml), SENDER));
  }

  @Test
  void aMessageWithoutHeaderHasNoReceiverToCheck() {
    Iso20022Reader elsewhere = ReaderTestSupport.readerAddressedTo("OTHRGB2LXXX");
    accepted(elsewhere.read(new CreditTransferSample().withoutHeader().bytes(), SENDER));
  }

  @Test
  void theDefaultSettlementSystemIsTheDemoNetworksCentralBank() {
    Clock clock = Clock.system(ZoneOffset.UTC);
    assertThat(ReaderSettings.defaults(clock).settlementSystemBic()).isEqualTo("CENBEUCBXXX");
    assertThat(new ReaderSettings(1, 1, true, clock, ZoneOffset.UTC).settlementSystemBic())
        .isEqualTo(ReaderSettings.SETTLEMENT_SYSTEM_BIC_DEFAULT);
  }

  // The header's own schema: the reader binds only the Document, so the guard checks the header.

  /** The sample in an envelope, with the first {@code from} in it (the header's) replaced. */
  private static String headerAndDocumentWithHeader(String from, String to) {
    String xml = headerAndDocument();
    int at = xml.indexOf(from);
    return "<Envelope>" + xml.substring(0, at) + to + xml.substring(at + from.length()) + "</Envelope>";
  }

  @Test
  void rejectsAnAppHdrWithAnElementNoBusinessApplicationHeaderHas() {
    String xml = headerAndDocumentWithHeader("<CreDt>", "<Forged>yes</Forged><CreDt>");
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("AppHdr holds Forged");
  }

  @Test
  void rejectsAnAppHdrWithoutItsCreationDate() {
    String xml = headerAndDocumentWithHeader("<CreDt>2025-03-14T09:00:00Z</CreDt>", "");
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("AppHdr has no CreDt");
  }

  @Test
  void rejectsAnAppHdrWhoseCreationDateIsNotAnIsoDateTime() {
    String xml = headerAndDocumentWithHeader("<CreDt>2025-03-14T09:00:00Z</CreDt>",
        "<CreDt>garbage</CreDt>");
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("CreDt is not an ISO date and time: 'garbage'");
  }

  @Test
  void rejectsAnAppHdrWithTheSameElementTwice() {
    String xml = headerAndDocumentWithHeader("<CreDt>", "<MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>");
    Rejection rejection = rejected(READER.read(bytes(xml), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("AppHdr holds MsgDefIdr more than once");
  }
}
