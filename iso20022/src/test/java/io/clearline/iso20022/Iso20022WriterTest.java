package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.ON_SETTLEMENT_DAY;
import static io.clearline.iso20022.ReaderTestSupport.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxCamt02500105;
import com.prowidesoftware.swift.model.mx.MxCamt02900109;
import com.prowidesoftware.swift.model.mx.MxCamt05400108;
import com.prowidesoftware.swift.model.mx.MxPacs00200110;
import com.prowidesoftware.swift.model.mx.dic.AccountNotification17;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.CancellationStatusReason4;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupHeader17;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction102;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction110;
import com.prowidesoftware.swift.model.mx.dic.Receipt3;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.ResolutionOfInvestigationV09;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class Iso20022WriterTest {

  private static final String SYSTEM_BIC = "CENTRALBXXX";
  private final Iso20022Writer writer = new Iso20022Writer(SYSTEM_BIC, ON_SETTLEMENT_DAY);
  private final Iso20022Reader reader = ReaderTestSupport.READER;

  private CreditTransferMessage original() {
    return accepted(reader.read(new CreditTransferSample().bytes(), CreditTransferSample.DEBTOR_AGENT));
  }

  @Test
  void writesASettledStatusReportQuotingTheOriginal() {
    CreditTransferMessage message = original();
    Instant settledAt = Instant.parse("2025-03-14T10:00:01Z");
    String xml = writer.paymentStatusReport(StatusReport.settled(
        CreditTransferSample.DEBTOR_AGENT, message, message.transactions().getFirst(), settledAt));

    assertThat(xml).contains("<Envelope").contains("head.001.001.02");
    MxPacs00200110 report = MxPacs00200110.parse(xml);
    assertThat(report.getAppHdr().from()).isEqualTo(SYSTEM_BIC);
    assertThat(report.getAppHdr().to()).isEqualTo(CreditTransferSample.DEBTOR_AGENT);
    assertThat(report.getAppHdr().messageName()).isEqualTo("pacs.002.001.10");
    PaymentTransaction110 status = report.getFIToFIPmtStsRpt().getTxInfAndSts().getFirst();
    assertThat(status.getTxSts()).isEqualTo("ACSC");
    assertThat(status.getAccptncDtTm()).isEqualTo(settledAt.atOffset(ZoneOffset.UTC));
    assertThat(status.getOrgnlUETR()).isEqualTo(CreditTransferSample.UETR);
    assertThat(status.getOrgnlEndToEndId()).isEqualTo("E2E-1");
    assertThat(status.getOrgnlInstrId()).isEqualTo("INSTR-1");
    assertThat(status.getOrgnlGrpInf().getOrgnlMsgId()).isEqualTo("MSG-0001");
    assertThat(status.getOrgnlGrpInf().getOrgnlMsgNmId()).isEqualTo("pacs.008.001.08");
    assertThat(report.getFIToFIPmtStsRpt().getGrpHdr().getMsgId()).hasSizeLessThanOrEqualTo(35);
  }

  @Test
  void writesATransactionRejectionWithReasonAndExplanation() {
    CreditTransferMessage message = original();
    String explanation = "insufficient liquidity ".repeat(10).strip();
    String xml = writer.paymentStatusReport(StatusReport.rejectedTransaction(
        CreditTransferSample.DEBTOR_AGENT, message, message.transactions().getFirst(), "AM04",
        explanation));
    PaymentTransaction110 status =
        MxPacs00200110.parse(xml).getFIToFIPmtStsRpt().getTxInfAndSts().getFirst();
    assertThat(status.getTxSts()).isEqualTo("RJCT");
    assertThat(status.getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("AM04");
    assertThat(status.getStsRsnInf().getFirst().getAddtlInf())
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(105))
        .hasSize(3);
  }

  @Test
  void writesAGroupRejectionForAMessageThatCouldNotBeParsed() {
    Rejection rejection = ReaderTestSupport.rejected(
        reader.read("<not-xml".getBytes(StandardCharsets.UTF_8), CreditTransferSample.DEBTOR_AGENT));
    String xml = writer.paymentStatusReport(
        StatusReport.rejectedMessage(CreditTransferSample.DEBTOR_AGENT, rejection));
    MxPacs00200110 report = MxPacs00200110.parse(xml);
    assertThat(report.getFIToFIPmtStsRpt().getTxInfAndSts()).isEmpty();
    OriginalGroupHeader17 group = report.getFIToFIPmtStsRpt().getOrgnlGrpInfAndSts().getFirst();
    assertThat(group.getOrgnlMsgId()).isEqualTo("NONREF");
    assertThat(group.getOrgnlMsgNmId()).isEqualTo("UNKNOWN");
    assertThat(group.getGrpSts()).isEqualTo("RJCT");
    assertThat(group.getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("FF01");
  }

  /** The UETR the channel gives the sample's return (RTR-1 of RTR-MSG-1, by the creditor agent). */
  private static final String RETURN_UETR = DerivedUetrs.ofReturn(
      CreditTransferSample.CREDITOR_AGENT, "RTR-MSG-1", "RTR-1", CreditTransferSample.UETR);

  @Test
  void forwardsAReturnToTheOriginalPayerUnderANewHeaderInTheVersionItCameIn() {
    byte[] original = MessageSample.pacs004().bytes();
    assertThat(writer.isReturn(original)).isTrue();
    assertThat(writer.isReturn(new CreditTransferSample().bytes())).isFalse();

    String xml = writer.forwardReturn(original, RETURN_UETR, CreditTransferSample.DEBTOR_AGENT);

    // The document is the returning bank's, as sent; the header is the settlement system's, to the payer.
    assertThat(xml).contains("pacs.004.001.09").contains(CreditTransferSample.UETR).contains(SYSTEM_BIC)
        .contains(CreditTransferSample.DEBTOR_AGENT);
    assertThat(xml.split("RTR-MSG-1", -1)).as("its message id only in the document").hasSize(2);
    assertThat(xml).containsPattern("(?s)<(\\w+:)?To>.*" + CreditTransferSample.DEBTOR_AGENT + ".*</(\\w+:)?To>");
    assertThatThrownBy(() -> writer.forwardReturn(new CreditTransferSample().bytes(), RETURN_UETR,
        CreditTransferSample.DEBTOR_AGENT)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A second return in the sample pacs.004: RTR-2, 234.56 EUR of payment SECOND_UETR. */
  private static final String SECOND_UETR = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
  private static final String SECOND_RETURN = "<TxInf><RtrId>RTR-2</RtrId>"
      + "<OrgnlEndToEndId>E2E-2</OrgnlEndToEndId><OrgnlUETR>" + SECOND_UETR + "</OrgnlUETR>"
      + "<RtrdIntrBkSttlmAmt Ccy=\"EUR\">234.56</RtrdIntrBkSttlmAmt>"
      + "<IntrBkSttlmDt>2025-03-14</IntrBkSttlmDt>"
      + MessageSample.agent("InstgAgt", CreditTransferSample.CREDITOR_AGENT)
      + MessageSample.agent("InstdAgt", CreditTransferSample.DEBTOR_AGENT)
      + "<RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf></TxInf>";

  @Test
  void forwardsEachReturnOfATwoReturnPacs004AloneWithItsOwnCountAndControlSum() {
    byte[] original = MessageSample.pacs004().with("NBTXS", "2")
        .with("CTRLSUM", "<CtrlSum>1234.56</CtrlSum>").with("MORE", SECOND_RETURN)
        .with("GRPDATE", "<TtlRtrdIntrBkSttlmAmt Ccy=\"EUR\">1234.56</TtlRtrdIntrBkSttlmAmt>").bytes();
    String secondReturnUetr = DerivedUetrs.ofReturn(CreditTransferSample.CREDITOR_AGENT,
        "RTR-MSG-1", "RTR-2", SECOND_UETR);

    String first = writer.forwardReturn(original, RETURN_UETR, CreditTransferSample.DEBTOR_AGENT);
    String second = writer.forwardReturn(original, secondReturnUetr,
        CreditTransferSample.DEBTOR_AGENT);

    // The payer reads what it is sent as Clearline reads what it receives: NbOfTxs and CtrlSum agree.
    ReturnMessage firstRead = forwardedTo(CreditTransferSample.DEBTOR_AGENT, first, ReturnMessage.class);
    assertThat(firstRead.transactions()).singleElement().satisfies(returned -> {
      assertThat(returned.returnId()).isEqualTo("RTR-1");
      assertThat(returned.originalUetr()).isEqualTo(CreditTransferSample.UETR);
      assertThat(returned.returnedAmountMinorUnits()).isEqualTo(100_000L);
      assertThat(returned.instructingAgentBic()).isEqualTo(SYSTEM_BIC);
    });
    assertThat(first).doesNotContain(SECOND_UETR).containsPattern("<(\\w+:)?CtrlSum>1000.00<");
    ReturnMessage secondRead =
        forwardedTo(CreditTransferSample.DEBTOR_AGENT, second, ReturnMessage.class);
    assertThat(secondRead.transactions()).singleElement().satisfies(returned -> {
      assertThat(returned.returnId()).isEqualTo("RTR-2");
      assertThat(returned.originalUetr()).isEqualTo(SECOND_UETR);
      assertThat(returned.returnedAmountMinorUnits()).isEqualTo(23_456L);
    });
    assertThat(second).doesNotContain(CreditTransferSample.UETR).containsPattern("<(\\w+:)?CtrlSum>234.56<")
        .containsPattern("<(\\w+:)?TtlRtrdIntrBkSttlmAmt Ccy=\"EUR\">234.56<");
  }

  @Test
  void findsAReturnWithoutReturnIdByTheUetrDerivedFromItsOriginalUetr() {
    byte[] original = MessageSample.pacs004().with("RTRID", "").with("CTRLSUM", "").bytes();
    String returnUetr = DerivedUetrs.ofReturn(CreditTransferSample.CREDITOR_AGENT, "RTR-MSG-1",
        null, CreditTransferSample.UETR.toUpperCase());

    String xml = writer.forwardReturn(original, returnUetr, CreditTransferSample.DEBTOR_AGENT);

    assertThat(forwardedTo(CreditTransferSample.DEBTOR_AGENT, xml, ReturnMessage.class)
        .transactions()).singleElement().extracting(PaymentReturn::originalUetr)
        .isEqualTo(CreditTransferSample.UETR);
    assertThatThrownBy(() -> writer.forwardReturn(original, RETURN_UETR,
        CreditTransferSample.DEBTOR_AGENT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no transaction");
  }

  /** A pacs.009 of two transfers from the debtor agent: 1234.56 EUR to one bank, 100.00 to another. */
  private static byte[] twoTransfersToTwoPayees() {
    String xml = CreditTransferSample.pacs009().with("NBTXS", "2")
        .with("CTRLSUM", "<CtrlSum>1334.56</CtrlSum>").with("UNDERLYING", "").xml();
    int start = xml.indexOf("<CdtTrfTxInf>");
    int end = xml.indexOf("</CdtTrfTxInf>") + "</CdtTrfTxInf>".length();
    String second = xml.substring(start, end)
        .replace(CreditTransferSample.UETR, SECOND_UETR)
        .replace("E2E-1", "E2E-2")
        .replace(">1234.56<", ">100.00<")
        .replace(CreditTransferSample.CREDITOR_AGENT, OTHER_PAYEE);
    return (xml.substring(0, end) + second + xml.substring(end)).getBytes(StandardCharsets.UTF_8);
  }

  private static final String OTHER_PAYEE = "OTHRGB2LXXX";

  @Test
  void forwardsEachPayeeOfATwoTransferPacs009OnlyItsOwnTransferWithItsOwnCountAndControlSum() {
    byte[] original = twoTransfersToTwoPayees();
    assertThat(writer.isFinancialInstitutionTransfer(original)).isTrue();

    String toFirst = writer.forwardFinancialInstitutionTransfer(original,
        CreditTransferSample.UETR.toUpperCase(), CreditTransferSample.CREDITOR_AGENT);
    String toSecond = writer.forwardFinancialInstitutionTransfer(original, SECOND_UETR, OTHER_PAYEE);

    FinancialInstitutionCreditTransferMessage first = forwardedTo(
        CreditTransferSample.CREDITOR_AGENT, toFirst, FinancialInstitutionCreditTransferMessage.class);
    assertThat(first.transactions()).singleElement().satisfies(transfer -> {
      assertThat(transfer.uetr()).isEqualTo(CreditTransferSample.UETR);
      assertThat(transfer.creditorBic()).isEqualTo(CreditTransferSample.CREDITOR_AGENT);
      assertThat(transfer.debtorBic()).isEqualTo(CreditTransferSample.DEBTOR_AGENT);
      assertThat(transfer.amountMinorUnits()).isEqualTo(123_456L);
      assertThat(transfer.instructingAgentBic()).isEqualTo(SYSTEM_BIC);
      assertThat(transfer.instructedAgentBic()).isEqualTo(CreditTransferSample.CREDITOR_AGENT);
    });
    assertThat(toFirst).doesNotContain(SECOND_UETR).doesNotContain(OTHER_PAYEE)
        .containsPattern("<(\\w+:)?NbOfTxs>1<").containsPattern("<(\\w+:)?CtrlSum>1234.56<");
    FinancialInstitutionCreditTransferMessage second =
        forwardedTo(OTHER_PAYEE, toSecond, FinancialInstitutionCreditTransferMessage.class);
    assertThat(second.transactions()).singleElement().satisfies(transfer -> {
      assertThat(transfer.uetr()).isEqualTo(SECOND_UETR);
      assertThat(transfer.amountMinorUnits()).isEqualTo(10_000L);
      assertThat(transfer.instructedAgentBic()).isEqualTo(OTHER_PAYEE);
    });
    assertThat(toSecond).doesNotContain(CreditTransferSample.UETR)
        .doesNotContain(CreditTransferSample.CREDITOR_AGENT)
        .containsPattern("<(\\w+:)?CtrlSum>100.00<");
  }

  @Test
  void refusesToForwardAFinancialInstitutionTransferUetrThatIsNotInTheOriginal() {
    assertThatThrownBy(() -> writer.forwardFinancialInstitutionTransfer(twoTransfersToTwoPayees(),
        "5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b", OTHER_PAYEE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transaction");
  }

  /** What a bank's reader, addressed by the settlement system, makes of a forwarded message. */
  private static <T extends InboundMessage> T forwardedTo(String recipientBic, String xml,
      Class<T> kind) {
    return ReaderTestSupport.acceptedAs(ReaderTestSupport.readerAddressedTo(recipientBic)
        .read(xml.getBytes(StandardCharsets.UTF_8), SYSTEM_BIC), kind);
  }

  @Test
  void forwardsTheOneTransactionToTheCreditorAgentAndTheReaderAcceptsIt() {
    String xml = writer.forwardCreditTransfer(new CreditTransferSample().bytes(),
        CreditTransferSample.UETR.toUpperCase(), CreditTransferSample.CREDITOR_AGENT);

    // The creditor agent reads what it is sent as Clearline reads what it receives.
    Iso20022Reader creditorAgent =
        ReaderTestSupport.readerAddressedTo(CreditTransferSample.CREDITOR_AGENT);
    CreditTransferMessage forwarded =
        accepted(creditorAgent.read(xml.getBytes(StandardCharsets.UTF_8), SYSTEM_BIC));
    CreditTransfer transfer = forwarded.transactions().getFirst();
    CreditTransfer originalTransfer = original().transactions().getFirst();
    assertThat(forwarded.messageId()).isNotEqualTo("MSG-0001");
    assertThat(transfer.uetr()).isEqualTo(CreditTransferSample.UETR);
    assertThat(transfer.instructingAgentBic()).isEqualTo(SYSTEM_BIC);
    assertThat(transfer.instructedAgentBic()).isEqualTo(CreditTransferSample.CREDITOR_AGENT);
    assertThat(transfer.amountMinorUnits()).isEqualTo(originalTransfer.amountMinorUnits());
    assertThat(transfer.creditorAccount()).isEqualTo(originalTransfer.creditorAccount());
    assertThat(transfer.debtorName()).isEqualTo(originalTransfer.debtorName());
  }

  @Test
  void refusesToForwardAUetrThatIsNotInTheOriginal() {
    assertThatThrownBy(() -> writer.forwardCreditTransfer(new CreditTransferSample().bytes(),
        "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d", CreditTransferSample.CREDITOR_AGENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transaction");
  }

  private static final Instant BOOKED_AT = Instant.parse("2025-03-14T10:00:01Z");
  private static final LocalDate VALUE_DATE = LocalDate.parse("2025-03-14");

  private static CreditNotification creditOf(long amountMinorUnits, String currency,
      String instructionId) {
    return new CreditNotification(CreditTransferSample.CREDITOR_AGENT,
        CreditTransferSample.DEBTOR_AGENT, amountMinorUnits, currency, CreditTransferSample.UETR,
        "E2E-1", instructionId, "MSG-0001", BOOKED_AT, VALUE_DATE, "LEDGER-TX-42");
  }

  @Test
  void notifiesThePayeeBankOfABookedCreditWithTheTransactionReferences() {
    String xml = writer.creditNotification(creditOf(123_45, "EUR", "INSTR-1"));

    assertThat(xml).contains("<Envelope").contains("head.001.001.02")
        .contains("Ccy=\"EUR\">123.45<");
    MxCamt05400108 camt = MxCamt05400108.parse(xml);
    assertThat(camt.getAppHdr().from()).isEqualTo(SYSTEM_BIC);
    assertThat(camt.getAppHdr().to()).isEqualTo(CreditTransferSample.CREDITOR_AGENT);
    assertThat(camt.getAppHdr().messageName()).isEqualTo("camt.054.001.08");
    assertThat(camt.getBkToCstmrDbtCdtNtfctn().getGrpHdr().getMsgId())
        .isEqualTo(camt.getAppHdr().reference()).hasSizeLessThanOrEqualTo(35);
    assertThat(camt.getBkToCstmrDbtCdtNtfctn().getNtfctn()).hasSize(1);
    AccountNotification17 notification = camt.getBkToCstmrDbtCdtNtfctn().getNtfctn().getFirst();
    assertThat(notification.getAcct().getId().getOthr().getId())
        .isEqualTo(CreditTransferSample.CREDITOR_AGENT);
    assertThat(notification.getAcct().getId().getOthr().getSchmeNm().getPrtry())
        .isEqualTo("CLEARLINE");
    assertThat(notification.getAcct().getOwnr().getId().getOrgId().getAnyBIC())
        .isEqualTo(CreditTransferSample.CREDITOR_AGENT);
    assertThat(notification.getAcct().getSvcr().getFinInstnId().getBICFI()).isEqualTo(SYSTEM_BIC);
    assertThat(notification.getNtry()).hasSize(1);
    ReportEntry10 entry = notification.getNtry().getFirst();
    assertThat(entry.getAmt().getCcy()).isEqualTo("EUR");
    assertThat(entry.getAmt().getValue()).isEqualTo(new BigDecimal("123.45"));
    assertThat(entry.getCdtDbtInd()).isEqualTo(CreditDebitCode.CRDT);
    assertThat(entry.getSts().getCd()).isEqualTo("BOOK");
    assertThat(entry.getBookgDt().getDtTm()).isEqualTo(BOOKED_AT.atOffset(ZoneOffset.UTC));
    assertThat(entry.getValDt().getDt()).isEqualTo(VALUE_DATE);
    assertThat(entry.getAcctSvcrRef()).isEqualTo("LEDGER-TX-42");
    EntryTransaction10 details = entry.getNtryDtls().getFirst().getTxDtls().getFirst();
    assertThat(details.getRefs().getUETR()).isEqualTo(CreditTransferSample.UETR);
    assertThat(details.getRefs().getEndToEndId()).isEqualTo("E2E-1");
    assertThat(details.getRefs().getInstrId()).isEqualTo("INSTR-1");
    assertThat(details.getRefs().getMsgId()).isEqualTo("MSG-0001");
    assertThat(details.getRefs().getAcctSvcrRef()).isEqualTo("LEDGER-TX-42");
    assertThat(details.getAmt().getValue()).isEqualTo(new BigDecimal("123.45"));
    assertThat(details.getCdtDbtInd()).isEqualTo(CreditDebitCode.CRDT);
    assertThat(details.getRltdAgts().getDbtrAgt().getFinInstnId().getBICFI())
        .isEqualTo(CreditTransferSample.DEBTOR_AGENT);
  }

  @Test
  void writesAYenCreditWithoutDecimalsAndLeavesOutAnUnknownInstructionId() {
    String xml = writer.creditNotification(creditOf(5_000_000, "JPY", null));

    assertThat(xml).contains("Ccy=\"JPY\">5000000<").doesNotContain("<InstrId>");
    ReportEntry10 entry = MxCamt05400108.parse(xml).getBkToCstmrDbtCdtNtfctn().getNtfctn()
        .getFirst().getNtry().getFirst();
    assertThat(entry.getAmt().getCcy()).isEqualTo("JPY");
    assertThat(entry.getAmt().getValue()).isEqualTo(new BigDecimal("5000000"));
    assertThat(entry.getNtryDtls().getFirst().getTxDtls().getFirst().getRefs().getInstrId())
        .isNull();
  }

  @Test
  void refusesACreditNotificationWithoutAPositiveAmountInAKnownCurrency() {
    assertThatThrownBy(() -> creditOf(0, "EUR", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above zero");
    assertThatThrownBy(() -> creditOf(100, "XAU", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO 4217");
  }

  @Test
  void refusesAReferenceLongerThanTheSchemaAllows() {
    assertThatThrownBy(() -> new CreditNotification(CreditTransferSample.CREDITOR_AGENT,
        CreditTransferSample.DEBTOR_AGENT, 1, "EUR", CreditTransferSample.UETR, "E".repeat(36),
        null, "MSG-0001", BOOKED_AT, VALUE_DATE, "LEDGER-TX-42"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endToEndId");
  }

  @Test
  void answersACompletedLiquidityTransferWithAReceipt() {
    String xml = writer.liquidityTransferReceipt(new Receipt(CreditTransferSample.DEBTOR_AGENT,
        "LIQ-0001", Receipt.Status.COMPLETED, "liquidity transfer settled"));

    assertThat(xml).contains("<Envelope").contains("head.001.001.02");
    MxCamt02500105 camt = MxCamt02500105.parse(xml);
    assertThat(camt.getAppHdr().from()).isEqualTo(SYSTEM_BIC);
    assertThat(camt.getAppHdr().to()).isEqualTo(CreditTransferSample.DEBTOR_AGENT);
    assertThat(camt.getAppHdr().messageName()).isEqualTo("camt.025.001.05");
    assertThat(camt.getRct().getMsgHdr().getMsgId()).isEqualTo(camt.getAppHdr().reference());
    Receipt3 details = camt.getRct().getRctDtls().getFirst();
    assertThat(details.getOrgnlMsgId().getMsgId()).isEqualTo("LIQ-0001");
    assertThat(details.getReqHdlg().getFirst().getStsCd()).isEqualTo("COMP");
    assertThat(details.getReqHdlg().getFirst().getDesc()).isEqualTo("liquidity transfer settled");
  }

  @Test
  void answersARejectedLiquidityTransferWithItsDescription() {
    String xml = writer.liquidityTransferReceipt(new Receipt(CreditTransferSample.DEBTOR_AGENT,
        "LIQ-0002", Receipt.Status.REJECTED, "insufficient liquidity on the settlement account"));

    Receipt3 details = MxCamt02500105.parse(xml).getRct().getRctDtls().getFirst();
    assertThat(details.getOrgnlMsgId().getMsgId()).isEqualTo("LIQ-0002");
    assertThat(details.getReqHdlg().getFirst().getStsCd()).isEqualTo("RJCT");
    assertThat(details.getReqHdlg().getFirst().getDesc())
        .isEqualTo("insufficient liquidity on the settlement account");
  }

  @Test
  void refusesAReceiptDescriptionLongerThan140Characters() {
    assertThatThrownBy(() -> new Receipt(CreditTransferSample.DEBTOR_AGENT, "LIQ-0003",
        Receipt.Status.REJECTED, "x".repeat(141)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("140");
  }

  /** The envelope checks, with the settlement system as the sender. */
  private static void assertPassesTheEnvelopeChecks(String xml, String definition) {
    ReaderTestSupport.assertPassesTheEnvelopeChecks(xml, definition, SYSTEM_BIC);
  }

  private StatusRequestMessage statusRequest(MessageSample sample) {
    return ReaderTestSupport.acceptedAs(reader.read(sample.bytes(),
        CreditTransferSample.DEBTOR_AGENT), StatusRequestMessage.class);
  }

  private static StatusReport answer(StatusRequest request, StatusReport.Status status,
      Instant settledAt, String reasonCode, String explanation) {
    return new StatusReport(CreditTransferSample.DEBTOR_AGENT, status,
        request.originalMessageId(), request.originalMessageDefinition(),
        request.originalEndToEndId(), request.originalUetr(), request.originalInstructionId(),
        settledAt, reasonCode, explanation);
  }

  @Test
  void answersAStatusRequestWithOneStatusPerPaymentAskedAboutInOnePacs002() {
    String otherUetr = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
    String thirdUetr = "9b2e4c1a-7d3f-4e8a-b1c2-d3e4f5a6b7c8";
    StatusRequestMessage request = statusRequest(MessageSample.pacs028().with("MORE",
        "<TxInf><OrgnlUETR>" + otherUetr + "</OrgnlUETR></TxInf>"
            + "<TxInf><OrgnlUETR>" + thirdUetr + "</OrgnlUETR></TxInf>")
        .with("GRPAGTS", MessageSample.agent("InstgAgt", CreditTransferSample.DEBTOR_AGENT)));
    Instant settledAt = Instant.parse("2025-03-14T09:00:02Z");

    String xml = writer.paymentStatusReport(List.of(
        answer(request.requests().get(0), StatusReport.Status.SETTLED, settledAt, null, null),
        answer(request.requests().get(1), StatusReport.Status.PENDING, null, "AM04",
            "queued: waiting for liquidity"),
        answer(request.requests().get(2), StatusReport.Status.REJECTED, null, "AG09",
            "no payment with this UETR")));

    assertPassesTheEnvelopeChecks(xml, "pacs.002.001.10");
    MxPacs00200110 report = MxPacs00200110.parse(xml);
    assertThat(report.getAppHdr().to()).isEqualTo(CreditTransferSample.DEBTOR_AGENT);
    List<PaymentTransaction110> statuses = report.getFIToFIPmtStsRpt().getTxInfAndSts();
    assertThat(statuses).extracting(PaymentTransaction110::getOrgnlUETR)
        .containsExactly(CreditTransferSample.UETR, otherUetr, thirdUetr);
    assertThat(statuses).extracting(PaymentTransaction110::getTxSts)
        .containsExactly("ACSC", "PDNG", "RJCT");
    assertThat(statuses.get(0).getAccptncDtTm()).isEqualTo(settledAt.atOffset(ZoneOffset.UTC));
    assertThat(statuses.get(0).getOrgnlEndToEndId()).isEqualTo("E2E-1");
    assertThat(statuses.get(0).getOrgnlGrpInf().getOrgnlMsgId()).isEqualTo("MSG-0001");
    assertThat(statuses.get(1).getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("AM04");
    assertThat(statuses.get(1).getOrgnlGrpInf().getOrgnlMsgId()).isEqualTo("NONREF");
    assertThat(statuses.get(2).getStsRsnInf().getFirst().getRsn().getCd()).isEqualTo("AG09");
  }

  @Test
  void reportsTheStatusesOfPaymentsOnTheirWayWithTheirIsoCodes() {
    StatusRequest request = statusRequest(MessageSample.pacs028()).requests().getFirst();
    String xml = writer.paymentStatusReport(List.of(
        answer(request, StatusReport.Status.ACCEPTED, null, null, null),
        answer(request, StatusReport.Status.SETTLEMENT_IN_PROCESS, null, null, null)));
    assertThat(MxPacs00200110.parse(xml).getFIToFIPmtStsRpt().getTxInfAndSts())
        .extracting(PaymentTransaction110::getTxSts).containsExactly("ACCP", "ACSP");
  }

  @Test
  void answersAQuestionAboutAWholeMessageAtGroupLevel() {
    StatusRequestMessage request = statusRequest(MessageSample.pacs028()
        .with("GRPAGTS", MessageSample.agent("InstgAgt", CreditTransferSample.DEBTOR_AGENT))
        .with("ORIGINALGROUPS", "<OrgnlGrpInf><OrgnlMsgId>MSG-0007</OrgnlMsgId>"
            + "<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>"));
    String xml = writer.paymentStatusReport(List.of(answer(request.requests().getFirst(),
        StatusReport.Status.REJECTED, null, "NARR", "Clearline finds payments by UETR only")));

    OriginalGroupHeader17 group =
        MxPacs00200110.parse(xml).getFIToFIPmtStsRpt().getOrgnlGrpInfAndSts().getFirst();
    assertThat(group.getOrgnlMsgId()).isEqualTo("MSG-0007");
    assertThat(group.getOrgnlMsgNmId()).isEqualTo("pacs.008.001.08");
    assertThat(group.getGrpSts()).isEqualTo("RJCT");
  }

  @Test
  void refusesToWriteOneStatusReportForTwoBanks() {
    StatusReport toDebtor = StatusReport.rejectedMessage(CreditTransferSample.DEBTOR_AGENT,
        new Rejection("FF01", "bad", "M-1", null));
    StatusReport toCreditor = StatusReport.rejectedMessage(CreditTransferSample.CREDITOR_AGENT,
        new Rejection("FF01", "bad", "M-2", null));
    assertThatThrownBy(() -> writer.paymentStatusReport(List.of(toDebtor, toCreditor)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one bank");
    assertThatThrownBy(() -> writer.paymentStatusReport(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private CancellationRequestMessage cancellationRequest(MessageSample sample) {
    return ReaderTestSupport.acceptedAs(reader.read(sample.bytes(),
        CreditTransferSample.DEBTOR_AGENT), CancellationRequestMessage.class);
  }

  @Test
  void answersACancellationRequestByRefusingEveryPaymentWithItsReason() {
    CancellationRequestMessage request = cancellationRequest(MessageSample.camt056());
    String explanation = "this node does not yet process cancellation requests ".repeat(3).strip();

    String xml = writer.cancellationResolution(
        CancellationResolution.refusingAll(request, "AGNT", explanation));

    assertThat(xml).contains("<Envelope").contains("head.001.001.02");
    assertPassesTheEnvelopeChecks(xml, "camt.029.001.09");
    MxCamt02900109 camt = MxCamt02900109.parse(xml);
    assertThat(camt.getAppHdr().to()).isEqualTo(CreditTransferSample.DEBTOR_AGENT);
    ResolutionOfInvestigationV09 resolution = camt.getRsltnOfInvstgtn();
    assertThat(resolution.getAssgnmt().getId()).isEqualTo(camt.getAppHdr().reference());
    assertThat(resolution.getAssgnmt().getAssgnr().getAgt().getFinInstnId().getBICFI())
        .isEqualTo(SYSTEM_BIC);
    assertThat(resolution.getAssgnmt().getAssgne().getAgt().getFinInstnId().getBICFI())
        .isEqualTo(CreditTransferSample.DEBTOR_AGENT);
    assertThat(resolution.getRslvdCase().getId()).isEqualTo("CASE-1");
    assertThat(resolution.getRslvdCase().getCretr().getAgt().getFinInstnId().getBICFI())
        .isEqualTo(CreditTransferSample.DEBTOR_AGENT);
    assertThat(resolution.getSts().getConf()).isEqualTo("RJCR");
    PaymentTransaction102 payment = resolution.getCxlDtls().getFirst().getTxInfAndSts().getFirst();
    assertThat(payment.getOrgnlUETR()).isEqualTo(CreditTransferSample.UETR);
    assertThat(payment.getOrgnlEndToEndId()).isEqualTo("E2E-1");
    assertThat(payment.getOrgnlInstrId()).isEqualTo("INSTR-1");
    assertThat(payment.getOrgnlGrpInf().getOrgnlMsgId()).isEqualTo("MSG-0001");
    assertThat(payment.getOrgnlGrpInf().getOrgnlMsgNmId()).isEqualTo("pacs.008.001.08");
    assertThat(payment.getTxCxlSts().value()).isEqualTo("RJCR");
    CancellationStatusReason4 reason = payment.getCxlStsRsnInf().getFirst();
    assertThat(reason.getRsn().getCd()).isEqualTo("AGNT");
    assertThat(reason.getOrgtr().getId().getOrgId().getAnyBIC()).isEqualTo(SYSTEM_BIC);
    assertThat(String.join("", reason.getAddtlInf())).isEqualTo(explanation);
    assertThat(reason.getAddtlInf())
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(105));
  }

  @Test
  void confirmsACancellationOfEveryPaymentAsCancelledAndAMixAsPartiallyExecuted() {
    CancellationRequest first = cancellationRequest(MessageSample.camt056()
        .with("MORE", "<TxInf><OrgnlUETR>0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d</OrgnlUETR>"
            + "<CxlRsnInf><Rsn><Cd>CUST</Cd></Rsn></CxlRsnInf></TxInf>"))
        .transactions().getFirst();
    CancellationResolution.Outcome cancelled = new CancellationResolution.Outcome(first,
        CancellationResolution.Status.CANCELLED, null, null);
    CancellationResolution.Outcome refused = new CancellationResolution.Outcome(first,
        CancellationResolution.Status.REFUSED, "ARDT", "already returned");

    String allCancelled = writer.cancellationResolution(new CancellationResolution(
        CreditTransferSample.DEBTOR_AGENT, "CASE-1", List.of(cancelled)));
    String mixed = writer.cancellationResolution(new CancellationResolution(
        CreditTransferSample.DEBTOR_AGENT, "CASE-1", List.of(cancelled, refused)));

    ResolutionOfInvestigationV09 done = MxCamt02900109.parse(allCancelled).getRsltnOfInvstgtn();
    assertThat(done.getSts().getConf()).isEqualTo("CNCL");
    PaymentTransaction102 payment = done.getCxlDtls().getFirst().getTxInfAndSts().getFirst();
    assertThat(payment.getTxCxlSts().value()).isEqualTo("ACCR");
    assertThat(payment.getCxlStsRsnInf()).isEmpty();
    assertThat(MxCamt02900109.parse(mixed).getRsltnOfInvstgtn().getSts().getConf())
        .isEqualTo("PECR");
  }

  @Test
  void aRefusedCancellationWithoutAnExternalReasonCodeIsACallerBug() {
    CancellationRequest request =
        cancellationRequest(MessageSample.camt056()).transactions().getFirst();
    assertThatThrownBy(() -> new CancellationResolution.Outcome(request,
        CancellationResolution.Status.REFUSED, null, "no"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reasonCode");
    assertThatThrownBy(() -> new CancellationResolution.Outcome(request,
        CancellationResolution.Status.REFUSED, "REFUSED", "no"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("external code");
    assertThatThrownBy(() -> new CancellationResolution("not a bic", "CASE-1", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCancellationRequestWithoutCaseIsResolvedUnderItsAssignmentId() {
    CancellationRequestMessage request =
        cancellationRequest(MessageSample.camt056().with("TXCASE", ""));
    assertThat(CancellationResolution.refusingAll(request, "AGNT", null).caseId())
        .isEqualTo("CXL-MSG-1");
  }
}
