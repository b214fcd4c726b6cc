package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.acceptedAs;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** camt.050 liquidity credit transfer: one test per rule, each changing one field. */
class Camt050ReaderTest {

  private static final String BANK = "BANKDEFFXXX";

  /** A valid camt.050.001.05 with AppHdr, written for these tests; placeholders in ${...}. */
  private static final class Sample {
    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean withHeader = true;

    Sample() {
      values.put("NS", "camt.050.001.05");
      values.put("MSGDEF", "camt.050.001.05");
      values.put("FROM", BANK);
      values.put("MSGID", "LIQ-0001");
      values.put("CREDTTM", "<CreDtTm>2025-03-14T09:00:00Z</CreDtTm>");
      values.put("TRFID",
          "<LqdtyTrfId><InstrId>INSTR-7</InstrId><EndToEndId>E2E-7</EndToEndId></LqdtyTrfId>");
      values.put("CDTR", "");
      values.put("CDTRACCT", "<CdtrAcct><Id><Othr><Id>RTGSDCA-BANKDEFF</Id></Othr></Id></CdtrAcct>");
      values.put("AMOUNT", "<AmtWthCcy Ccy=\"EUR\">700.12</AmtWthCcy>");
      values.put("DBTR", "<Dbtr><FinInstnId><BICFI>" + BANK + "</BICFI></FinInstnId></Dbtr>");
      values.put("DBTRACCT", "<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>");
      values.put("DATE", "<SttlmDt>2025-03-14</SttlmDt>");
    }

    Sample with(String key, String value) {
      if (values.put(key, value) == null) {
        throw new IllegalArgumentException(key);
      }
      return this;
    }

    Sample withoutHeader() {
      withHeader = false;
      return this;
    }

    byte[] bytes() {
      String header = withHeader ? CreditTransferSample.APP_HDR : "";
      String text = "<BizMsg>" + header + """
          <Document xmlns="urn:iso:std:iso:20022:tech:xsd:${NS}">
            <LqdtyCdtTrf>
              <MsgHdr><MsgId>${MSGID}</MsgId>${CREDTTM}</MsgHdr>
              <LqdtyCdtTrf>
                ${TRFID}
                ${CDTR}
                ${CDTRACCT}
                <TrfdAmt>${AMOUNT}</TrfdAmt>
                ${DBTR}
                ${DBTRACCT}
                ${DATE}
              </LqdtyCdtTrf>
            </LqdtyCdtTrf>
          </Document>
          </BizMsg>""";
      return CreditTransferSample.fill(text, values).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static LiquidityTransferMessage accepted(Sample sample) {
    return acceptedAs(READER.read(sample.bytes(), BANK), LiquidityTransferMessage.class);
  }

  private static Rejection rejectionOf(Sample sample) {
    return rejected(READER.read(sample.bytes(), BANK));
  }

  @Test
  void acceptsAndMapsALiquidityTransfer() {
    LiquidityTransferMessage message = accepted(new Sample());
    assertThat(message).isEqualTo(new LiquidityTransferMessage("LIQ-0001", "camt.050.001.05",
        Instant.parse("2025-03-14T09:00:00Z"), "E2E-7", BANK, "DE89370400440532013000", null,
        "RTGSDCA-BANKDEFF", 70012L, "EUR", LocalDate.of(2025, 3, 14)));
    assertThat(message.transactionCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"camt.050.001.06", "camt.050.001.07"})
  void mapsEveryCamt050VersionFrom05UpLikeVersion05(String definition) {
    LiquidityTransferMessage other =
        accepted(new Sample().with("NS", definition).with("MSGDEF", definition));
    assertThat(other.messageDefinition()).isEqualTo(definition);
    assertThat(other).usingRecursiveComparison().ignoringFields("messageDefinition")
        .isEqualTo(accepted(new Sample()));
  }

  @Test
  void camt050VersionsBefore05AreUnsupported() {
    Rejection rejection = rejectionOf(new Sample().with("NS", "camt.050.001.04")
        .with("MSGDEF", "camt.050.001.04"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("unsupported message definition");
  }

  @Test
  void optionalFieldsMayBeAbsent() {
    LiquidityTransferMessage message = accepted(new Sample().with("CREDTTM", "")
        .with("TRFID", "").with("DATE", "").with("DBTRACCT", "")
        .with("CDTR", "<Cdtr><FinInstnId><BICFI>BANKFRPPXXX</BICFI></FinInstnId></Cdtr>")
        .with("CDTRACCT", ""));
    assertThat(message.creationDateTime()).isNull();
    assertThat(message.liquidityTransferId()).isNull();
    assertThat(message.settlementDate()).isNull();
    assertThat(message.creditorBic()).isEqualTo("BANKFRPPXXX");
  }

  @Test
  void theLiquidityTransferIdFallsBackToTheInstructionId() {
    assertThat(accepted(new Sample().with("TRFID",
        "<LqdtyTrfId><InstrId>INSTR-7</InstrId></LqdtyTrfId>")).liquidityTransferId())
        .isEqualTo("INSTR-7");
  }

  @Test
  void rejectsAMissingMessageIdWithFF01() {
    Rejection rejection = rejectionOf(new Sample().with("MSGID", ""));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("MsgHdr/MsgId is missing");
  }

  @Test
  void rejectsAMessageIdAbove35CharactersWithFF01() {
    Rejection rejection = rejectionOf(new Sample().with("MSGID", "M".repeat(36)));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("MsgHdr/MsgId is 36 characters");
  }

  @Test
  void rejectsAnEndToEndIdAbove35CharactersWithFF01() {
    Rejection rejection = rejectionOf(new Sample().with("TRFID",
        "<LqdtyTrfId><EndToEndId>" + "E".repeat(36) + "</EndToEndId></LqdtyTrfId>"));
    assertThat(rejection.reasonCode()).isEqualTo("FF01");
    assertThat(rejection.explanation()).contains("LqdtyTrfId/EndToEndId is 36 characters");
  }

  @Test
  void rejectsAZeroAmountWithAM01() {
    assertThat(rejectionOf(new Sample().with("AMOUNT", "<AmtWthCcy Ccy=\"EUR\">0.00</AmtWthCcy>"))
        .reasonCode()).isEqualTo("AM01");
  }

  @Test
  void rejectsANegativeAmountWithAM12() {
    assertThat(rejectionOf(new Sample().with("AMOUNT", "<AmtWthCcy Ccy=\"EUR\">-5</AmtWthCcy>"))
        .reasonCode()).isEqualTo("AM12");
  }

  @Test
  void rejectsMoreDecimalsThanTheCurrencyAllowsWithAM12() {
    Rejection rejection =
        rejectionOf(new Sample().with("AMOUNT", "<AmtWthCcy Ccy=\"JPY\">10.5</AmtWthCcy>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM12");
    assertThat(rejection.explanation()).contains("TrfdAmt 10.5 has more decimals than JPY");
  }

  @Test
  void mapsAThreeDecimalCurrencyToItsMinorUnits() {
    LiquidityTransferMessage message =
        accepted(new Sample().with("AMOUNT", "<AmtWthCcy Ccy=\"KWD\">1.234</AmtWthCcy>"));
    assertThat(message.amountMinorUnits()).isEqualTo(1234L);
    assertThat(message.currency()).isEqualTo("KWD");
  }

  @Test
  void rejectsAMissingAmountWithAM12() {
    assertThat(rejectionOf(new Sample().with("AMOUNT", "")).reasonCode()).isEqualTo("AM12");
  }

  @Test
  void rejectsAnUnknownCurrencyWithAM03() {
    Rejection rejection =
        rejectionOf(new Sample().with("AMOUNT", "<AmtWthCcy Ccy=\"XAU\">1.00</AmtWthCcy>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM03");
  }

  @Test
  void rejectsAnAmountWithoutCurrencyWithAM03() {
    Rejection rejection = rejectionOf(new Sample().with("AMOUNT", "<AmtWthtCcy>7.00</AmtWthtCcy>"));
    assertThat(rejection.reasonCode()).isEqualTo("AM03");
    assertThat(rejection.explanation()).contains("AmtWthtCcy carries no currency");
  }

  @Test
  void rejectsAMissingDebtorBicWithRC01() {
    Rejection rejection = rejectionOf(new Sample().with("DBTR", ""));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("the debtor (Dbtr) has no BICFI");
  }

  @Test
  void rejectsAMalformedDebtorBicWithRC01() {
    Rejection rejection = rejectionOf(new Sample().with("DBTR",
        "<Dbtr><FinInstnId><BICFI>bad</BICFI></FinInstnId></Dbtr>"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
  }

  @Test
  void rejectsAMalformedCreditorBicWithRC01() {
    Rejection rejection = rejectionOf(new Sample().with("CDTR",
        "<Cdtr><FinInstnId><BICFI>NOT-A-BIC</BICFI></FinInstnId></Cdtr>"));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("creditor (Cdtr) BIC 'NOT-A-BIC'");
  }

  @Test
  void rejectsAnUnnamedCreditorWithRC01() {
    Rejection rejection = rejectionOf(new Sample().with("CDTRACCT", ""));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("neither by Cdtr BICFI nor by CdtrAcct");
  }

  @Test
  void rejectsAHeaderSenderOtherThanTheDebtorWithRC01() {
    Rejection rejection = rejected(READER.read(new Sample().with("FROM", "OTHRGB2LXXX").bytes(),
        null));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
    assertThat(rejection.explanation()).contains("AppHdr/Fr BIC 'OTHRGB2LXXX' differs from the"
        + " debtor (Dbtr) 'BANKDEFFXXX'");
  }

  @Test
  void rejectsAHeaderSenderThatIsOnlyTheCreditorWithRC01() {
    // A bank may receive liquidity by camt.050 only when the debtor bank sends it.
    Rejection rejection = rejected(READER.read(new Sample().with("FROM", "BANKFRPPXXX")
        .with("CDTR", "<Cdtr><FinInstnId><BICFI>BANKFRPPXXX</BICFI></FinInstnId></Cdtr>")
        .bytes(), null));
    assertThat(rejection.reasonCode()).isEqualTo("RC01");
  }

  @Test
  void rejectsAChannelOtherThanTheDebtorWithAG01WhenThereIsNoHeader() {
    Rejection rejection =
        rejected(READER.read(new Sample().withoutHeader().bytes(), "OTHRGB2LXXX"));
    assertThat(rejection.reasonCode()).isEqualTo("AG01");
    assertThat(rejection.explanation()).contains("the debtor (Dbtr) 'BANKDEFFXXX'");
  }

  @Test
  void acceptsABareDocumentFromTheDebtorsChannel() {
    assertThat(accepted(new Sample().withoutHeader()).debtorBic()).isEqualTo(BANK);
  }

  @Test
  void rejectsABadDebtorIbanWithAC01() {
    Rejection rejection = rejectionOf(new Sample().with("DBTRACCT",
        "<DbtrAcct><Id><IBAN>DE89370400440532013001</IBAN></Id></DbtrAcct>"));
    assertThat(rejection.reasonCode()).isEqualTo("AC01");
  }

  @Test
  void rejectsASettlementDateOtherThanTheBusinessDateWithDT01() {
    assertThat(rejectionOf(new Sample().with("DATE", "<SttlmDt>2025-03-13</SttlmDt>"))
        .reasonCode()).isEqualTo("DT01");
  }

  @Test
  void rejectsAHeaderWhoseMessageDefinitionDiffersFromTheDocumentWithFF01() {
    assertThat(rejectionOf(new Sample().with("MSGDEF", "camt.050.001.06")).reasonCode())
        .isEqualTo("FF01");
  }

  @Test
  void rejectsACreationDateTimeAheadOfTheClockBeyondTheToleranceWithDT01() {
    Rejection rejection = rejectionOf(
        new Sample().with("CREDTTM", "<CreDtTm>2025-03-14T10:05:01Z</CreDtTm>"));
    assertThat(rejection.reasonCode()).isEqualTo("DT01");
    assertThat(rejection.explanation()).startsWith("MsgHdr/CreDtTm");
  }

  @Test
  void acceptsASettlementDateWithinAConfiguredWindow() {
    Iso20022Reader windowed =
        new Iso20022Reader(ReaderTestSupport.SETTINGS.withSettlementDateWindow(0, 2));
    assertThat(acceptedAs(windowed.read(new Sample().with("DATE", "<SttlmDt>2025-03-16</SttlmDt>")
        .bytes(), BANK), LiquidityTransferMessage.class).settlementDate())
        .hasToString("2025-03-16");
  }
}
