package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.ON_SETTLEMENT_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MxCamt05200108;
import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.MxCamt05400108;
import com.prowidesoftware.swift.model.mx.dic.AccountReport25;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.TotalTransactions6;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** camt.052 intraday reports and camt.053 end-of-day statements, read back with Prowide. */
class AccountReportWriterTest {

  private static final String SYSTEM_BIC = ReaderTestSupport.SETTLEMENT_SYSTEM_BIC;
  private static final String OWNER = CreditTransferSample.DEBTOR_AGENT;
  private static final String PAYEE = CreditTransferSample.CREDITOR_AGENT;
  private static final String PAYER = "OTHRGB2LXXX";
  private static final LocalDate BUSINESS_DATE = LocalDate.parse("2025-03-14");
  /** A real ledger id: a SHA-256 root, 64 hex characters, longer than Max35Text. */
  private static final String LEDGER_ID =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String OTHER_UETR = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";

  private final Iso20022Writer writer = new Iso20022Writer(SYSTEM_BIC, ON_SETTLEMENT_DAY);

  private static AccountActivity.Entry credit(long amountMinorUnits, String ledgerId) {
    return new AccountActivity.Entry(amountMinorUnits, AccountActivity.Direction.CREDIT,
        Instant.parse("2025-03-14T09:00:01Z"), "E2E-IN", OTHER_UETR, ledgerId, PAYER);
  }

  private static AccountActivity.Entry debit(long amountMinorUnits, String ledgerId) {
    return new AccountActivity.Entry(amountMinorUnits, AccountActivity.Direction.DEBIT,
        Instant.parse("2025-03-14T09:30:00Z"), "E2E-1", CreditTransferSample.UETR, ledgerId,
        PAYEE);
  }

  /** Opening 1,000.00 EUR, a credit of 250.00, a debit of 1,234.56: closing 15.44. */
  private static AccountActivity dayOfTwoPayments() {
    return new AccountActivity(OWNER, "EUR", BUSINESS_DATE, 100_000, 1_544,
        List.of(credit(25_000, LEDGER_ID), debit(123_456, "LEDGER-TX-43")));
  }

  /** The envelope checks, from the settlement system to the account's owner. */
  private static void assertPassesTheEnvelopeChecks(String xml, String definition) {
    assertThat(ReaderTestSupport.assertPassesTheEnvelopeChecks(xml, definition, SYSTEM_BIC)
        .headerToBic()).isEqualTo(OWNER);
  }

  /** The one message of a report that fits one page, after the envelope checks. */
  private static String onlyMessage(List<String> messages, String definition) {
    assertThat(messages).hasSize(1);
    assertPassesTheEnvelopeChecks(messages.getFirst(), definition);
    return messages.getFirst();
  }

  private static void assertHeader(AbstractMX mx, String definition) {
    assertThat(mx.getAppHdr().from()).isEqualTo(SYSTEM_BIC);
    assertThat(mx.getAppHdr().to()).isEqualTo(OWNER);
    assertThat(mx.getAppHdr().messageName()).isEqualTo(definition);
  }

  private static void assertBalance(CashBalance8 balance, String type, String amount,
      CreditDebitCode direction) {
    assertThat(balance.getTp().getCdOrPrtry().getCd()).isEqualTo(type);
    assertThat(balance.getAmt().getValue()).isEqualTo(new BigDecimal(amount));
    assertThat(balance.getAmt().getCcy()).isEqualTo("EUR");
    assertThat(balance.getCdtDbtInd()).isEqualTo(direction);
  }

  @Test
  void writesAnEndOfDayStatementWithOpeningAndClosingBookedBalancesAndEveryEntry() {
    String xml = onlyMessage(writer.endOfDayStatement(dayOfTwoPayments()), "camt.053.001.08");

    MxCamt05300108 camt = MxCamt05300108.parse(xml);
    assertHeader(camt, "camt.053.001.08");
    assertThat(camt.getBkToCstmrStmt().getGrpHdr().getMsgId())
        .isEqualTo(camt.getAppHdr().reference()).hasSizeLessThanOrEqualTo(35);
    assertThat(camt.getBkToCstmrStmt().getGrpHdr().getMsgPgntn().getPgNb()).isEqualTo("1");
    assertThat(camt.getBkToCstmrStmt().getGrpHdr().getMsgPgntn().isLastPgInd()).isTrue();
    AccountStatement9 statement = camt.getBkToCstmrStmt().getStmt().getFirst();
    assertThat(statement.getId()).isEqualTo("EOD20250314EUR" + OWNER);
    assertThat(statement.getAcct().getId().getOthr().getId()).isEqualTo(OWNER);
    assertThat(statement.getAcct().getId().getOthr().getSchmeNm().getPrtry())
        .isEqualTo("CLEARLINE");
    assertThat(statement.getAcct().getCcy()).isEqualTo("EUR");
    assertThat(statement.getAcct().getOwnr().getId().getOrgId().getAnyBIC()).isEqualTo(OWNER);
    assertThat(statement.getAcct().getSvcr().getFinInstnId().getBICFI()).isEqualTo(SYSTEM_BIC);
    assertThat(statement.getBal()).hasSize(2);
    assertBalance(statement.getBal().get(0), "OPBD", "1000.00", CreditDebitCode.CRDT);
    assertBalance(statement.getBal().get(1), "CLBD", "15.44", CreditDebitCode.CRDT);
    assertThat(statement.getBal().get(1).getDt().getDt()).isEqualTo(BUSINESS_DATE);
    assertEntries(statement.getNtry());
    assertSummary(statement.getTxsSummry());
  }

  private static void assertEntries(List<ReportEntry10> entries) {
    assertThat(entries).hasSize(2);
    ReportEntry10 credit = entries.get(0);
    assertThat(credit.getAmt().getValue()).isEqualTo(new BigDecimal("250.00"));
    assertThat(credit.getCdtDbtInd()).isEqualTo(CreditDebitCode.CRDT);
    assertThat(credit.getSts().getCd()).isEqualTo("BOOK");
    assertThat(credit.getBookgDt().getDtTm())
        .isEqualTo(Instant.parse("2025-03-14T09:00:01Z").atOffset(ZoneOffset.UTC));
    assertThat(credit.getValDt().getDt()).isEqualTo(BUSINESS_DATE);
    assertThat(credit.getBkTxCd().getDomn().getCd()).isEqualTo("PMNT");
    assertThat(credit.getBkTxCd().getDomn().getFmly().getCd()).isEqualTo("RCDT");
    assertThat(credit.getBkTxCd().getDomn().getFmly().getSubFmlyCd()).isEqualTo("OTHR");
    // Max35Text: the ledger id's first 35 characters, and the whole of it in AddtlNtryInf.
    assertThat(credit.getAcctSvcrRef()).isEqualTo(LEDGER_ID.substring(0, 35));
    assertThat(credit.getAddtlNtryInf()).isEqualTo("ledger transaction " + LEDGER_ID);
    EntryTransaction10 creditDetails = credit.getNtryDtls().getFirst().getTxDtls().getFirst();
    assertThat(creditDetails.getRefs().getUETR()).isEqualTo(OTHER_UETR);
    assertThat(creditDetails.getRefs().getEndToEndId()).isEqualTo("E2E-IN");
    assertThat(creditDetails.getRefs().getAcctSvcrRef()).isEqualTo(LEDGER_ID.substring(0, 35));
    assertThat(creditDetails.getRltdAgts().getDbtrAgt().getFinInstnId().getBICFI())
        .isEqualTo(PAYER);
    ReportEntry10 debit = entries.get(1);
    assertThat(debit.getAmt().getValue()).isEqualTo(new BigDecimal("1234.56"));
    assertThat(debit.getCdtDbtInd()).isEqualTo(CreditDebitCode.DBIT);
    assertThat(debit.getBkTxCd().getDomn().getFmly().getCd()).isEqualTo("ICDT");
    assertThat(debit.getAcctSvcrRef()).isEqualTo("LEDGER-TX-43");
    EntryTransaction10 debitDetails = debit.getNtryDtls().getFirst().getTxDtls().getFirst();
    assertThat(debitDetails.getRefs().getUETR()).isEqualTo(CreditTransferSample.UETR);
    assertThat(debitDetails.getCdtDbtInd()).isEqualTo(CreditDebitCode.DBIT);
    assertThat(debitDetails.getRltdAgts().getCdtrAgt().getFinInstnId().getBICFI())
        .isEqualTo(PAYEE);
    assertThat(debitDetails.getRltdAgts().getDbtrAgt()).isNull();
  }

  private static void assertSummary(TotalTransactions6 summary) {
    assertThat(summary.getTtlNtries().getNbOfNtries()).isEqualTo("2");
    assertThat(summary.getTtlNtries().getSum()).isEqualTo(new BigDecimal("1484.56"));
    assertThat(summary.getTtlNtries().getTtlNetNtry().getAmt())
        .isEqualTo(new BigDecimal("984.56"));
    assertThat(summary.getTtlNtries().getTtlNetNtry().getCdtDbtInd())
        .isEqualTo(CreditDebitCode.DBIT);
    assertThat(summary.getTtlCdtNtries().getNbOfNtries()).isEqualTo("1");
    assertThat(summary.getTtlCdtNtries().getSum()).isEqualTo(new BigDecimal("250.00"));
    assertThat(summary.getTtlDbtNtries().getNbOfNtries()).isEqualTo("1");
    assertThat(summary.getTtlDbtNtries().getSum()).isEqualTo(new BigDecimal("1234.56"));
  }

  @Test
  void writesAnIntradayReportWithTheOpeningAndTheInterimBookedBalance() {
    String xml = onlyMessage(writer.intradayReport(dayOfTwoPayments()), "camt.052.001.08");

    MxCamt05200108 camt = MxCamt05200108.parse(xml);
    assertHeader(camt, "camt.052.001.08");
    AccountReport25 report = camt.getBkToCstmrAcctRpt().getRpt().getFirst();
    // An intraday report takes the id of its (first) message.
    assertThat(report.getId()).isEqualTo(camt.getAppHdr().reference());
    assertThat(report.getRptPgntn().isLastPgInd()).isTrue();
    assertThat(report.getAcct().getId().getOthr().getId()).isEqualTo(OWNER);
    assertThat(report.getBal()).hasSize(2);
    assertBalance(report.getBal().get(0), "OPBD", "1000.00", CreditDebitCode.CRDT);
    assertBalance(report.getBal().get(1), "ITBD", "15.44", CreditDebitCode.CRDT);
    assertThat(report.getBal().get(1).getDt().getDtTm())
        .isEqualTo(ON_SETTLEMENT_DAY.instant().atOffset(ZoneOffset.UTC));
    assertEntries(report.getNtry());
    assertSummary(report.getTxsSummry());
  }

  @Test
  void writesAmountsAndBalancesWithTheCurrencysMinorUnitScale() {
    AccountActivity yen = new AccountActivity(OWNER, "JPY", BUSINESS_DATE, 5_000, 5_150,
        List.of(credit(150, "LEDGER-TX-1")));
    AccountActivity dinar = new AccountActivity(OWNER, "KWD", BUSINESS_DATE, 1_000, 2_234,
        List.of(credit(1_234, "LEDGER-TX-2")));

    String yenXml = writer.endOfDayStatement(yen).getFirst();
    String dinarXml = writer.endOfDayStatement(dinar).getFirst();

    assertThat(yenXml).contains("Ccy=\"JPY\">150<").contains("Ccy=\"JPY\">5150<");
    assertThat(dinarXml).contains("Ccy=\"KWD\">1.234<").contains("Ccy=\"KWD\">2.234<");
    AccountStatement9 statement =
        MxCamt05300108.parse(dinarXml).getBkToCstmrStmt().getStmt().getFirst();
    assertThat(statement.getNtry().getFirst().getAmt().getValue())
        .isEqualTo(new BigDecimal("1.234"));
  }

  @Test
  void writesANegativeBalanceAsADebitBalanceOfItsAbsoluteAmount() {
    AccountActivity overdrawn = new AccountActivity(OWNER, "EUR", BUSINESS_DATE, 0, -123_456,
        List.of(debit(123_456, "LEDGER-TX-43")));
    AccountStatement9 statement = MxCamt05300108.parse(writer.endOfDayStatement(overdrawn)
        .getFirst()).getBkToCstmrStmt().getStmt().getFirst();
    assertBalance(statement.getBal().get(0), "OPBD", "0.00", CreditDebitCode.CRDT);
    assertBalance(statement.getBal().get(1), "CLBD", "1234.56", CreditDebitCode.DBIT);
  }

  @Test
  void writesADayWithoutEntriesAsOneStatementWhoseBalancesAreEqual() {
    AccountActivity quiet = new AccountActivity(OWNER, "EUR", BUSINESS_DATE, 100_000, 100_000,
        List.of());
    String xml = onlyMessage(writer.endOfDayStatement(quiet), "camt.053.001.08");
    AccountStatement9 statement =
        MxCamt05300108.parse(xml).getBkToCstmrStmt().getStmt().getFirst();
    assertThat(statement.getNtry()).isEmpty();
    assertBalance(statement.getBal().get(0), "OPBD", "1000.00", CreditDebitCode.CRDT);
    assertBalance(statement.getBal().get(1), "CLBD", "1000.00", CreditDebitCode.CRDT);
    assertThat(statement.getTxsSummry().getTtlNtries().getNbOfNtries()).isEqualTo("0");
  }

  @Test
  void leavesOutTheUetrEndToEndIdAndRelatedAgentOfAnEntryThatHasNone() {
    AccountActivity.Entry pledge = new AccountActivity.Entry(50_000,
        AccountActivity.Direction.CREDIT, Instant.parse("2025-03-14T08:00:00Z"), null, null,
        LEDGER_ID, null);
    String xml = writer.endOfDayStatement(new AccountActivity(OWNER, "EUR", BUSINESS_DATE, 0,
        50_000, List.of(pledge))).getFirst();
    assertThat(xml).doesNotContain("UETR>").doesNotContain("EndToEndId>")
        .doesNotContain("RltdAgts>");
    ReportEntry10 entry = MxCamt05300108.parse(xml).getBkToCstmrStmt().getStmt().getFirst()
        .getNtry().getFirst();
    assertThat(entry.getAcctSvcrRef()).isEqualTo(LEDGER_ID.substring(0, 35));
  }

  @Test
  void pagesAStatementAboveTheEntriesPerPageLimitKeepingEveryPageUnderTheReadersSizeLimit() {
    int count = Iso20022Writer.ENTRIES_PER_PAGE_MAX + 1;
    List<AccountActivity.Entry> entries = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      entries.add(credit(100, LEDGER_ID));
    }
    long closing = 1_000 + 100L * count;
    List<String> messages = writer.endOfDayStatement(
        new AccountActivity(OWNER, "EUR", BUSINESS_DATE, 1_000, closing, entries));

    assertThat(messages).hasSize(2);
    messages.forEach(xml -> assertPassesTheEnvelopeChecks(xml, "camt.053.001.08"));
    List<MxCamt05300108> pages = messages.stream().map(MxCamt05300108::parse).toList();
    Function<MxCamt05300108, AccountStatement9> statementOf =
        page -> page.getBkToCstmrStmt().getStmt().getFirst();
    AccountStatement9 first = statementOf.apply(pages.get(0));
    AccountStatement9 last = statementOf.apply(pages.get(1));
    assertThat(first.getId()).isEqualTo(last.getId());
    assertThat(pages.get(0).getBkToCstmrStmt().getGrpHdr().getMsgId())
        .isNotEqualTo(pages.get(1).getBkToCstmrStmt().getGrpHdr().getMsgId());
    assertThat(first.getNtry()).hasSize(Iso20022Writer.ENTRIES_PER_PAGE_MAX);
    assertThat(last.getNtry()).hasSize(1);
    assertThat(pages.get(0).getBkToCstmrStmt().getGrpHdr().getMsgPgntn().isLastPgInd()).isFalse();
    assertThat(first.getStmtPgntn().getPgNb()).isEqualTo("1");
    assertThat(last.getStmtPgntn().getPgNb()).isEqualTo("2");
    assertThat(last.getStmtPgntn().isLastPgInd()).isTrue();
    // The first page opens with OPBD and closes with the interim balance after its entries; the
    // last carries on from there to CLBD.
    assertBalance(first.getBal().get(0), "OPBD", "10.00", CreditDebitCode.CRDT);
    assertBalance(first.getBal().get(1), "ITBD", "210.00", CreditDebitCode.CRDT);
    assertThat(last.getBal()).hasSize(1);
    assertBalance(last.getBal().getFirst(), "CLBD", "211.00", CreditDebitCode.CRDT);
  }

  @Test
  void writesTheSameStatementIdWhenTheStatementIsSentAgain() {
    String first = writer.endOfDayStatement(dayOfTwoPayments()).getFirst();
    String again = writer.endOfDayStatement(dayOfTwoPayments()).getFirst();
    assertThat(MxCamt05300108.parse(again).getBkToCstmrStmt().getStmt().getFirst().getId())
        .isEqualTo(MxCamt05300108.parse(first).getBkToCstmrStmt().getStmt().getFirst().getId());
  }

  @Test
  void refusesAnActivityWhoseClosingBalanceIsNotTheOpeningBalancePlusCreditsMinusDebits() {
    assertThatThrownBy(() -> new AccountActivity(OWNER, "EUR", BUSINESS_DATE, 100_000, 1_545,
        List.of(credit(25_000, LEDGER_ID), debit(123_456, "LEDGER-TX-43"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opening balance plus credits minus debits: 1544");
  }

  @Test
  void refusesAnActivityOrEntryOutsideTheSchemasLimits() {
    assertThatThrownBy(() -> credit(0, LEDGER_ID))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above zero");
    assertThatThrownBy(() -> credit(1, "x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledgerTransactionId");
    assertThatThrownBy(() -> new AccountActivity.Entry(1, AccountActivity.Direction.CREDIT,
        Instant.EPOCH, "E".repeat(36), null, LEDGER_ID, PAYER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endToEndId");
    assertThatThrownBy(() -> new AccountActivity.Entry(1, AccountActivity.Direction.CREDIT,
        Instant.EPOCH, null, CreditTransferSample.UETR.toUpperCase(), LEDGER_ID, PAYER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UETR");
    assertThatThrownBy(() -> new AccountActivity.Entry(1, AccountActivity.Direction.CREDIT,
        Instant.EPOCH, null, null, LEDGER_ID, "payer"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counterpartyBic");
    assertThatThrownBy(() -> new AccountActivity(OWNER, "XAU", BUSINESS_DATE, 0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> new AccountActivity("owner", "EUR", BUSINESS_DATE, 0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountOwnerBic");
  }

  @Test
  void aCreditNotificationEntryCarriesTheBankTransactionCodeAndTheWholeLedgerId() {
    String xml = writer.creditNotification(new CreditNotification(OWNER, PAYER, 25_000, "EUR",
        OTHER_UETR, "E2E-IN", null, "MSG-0009", Instant.parse("2025-03-14T09:00:01Z"),
        BUSINESS_DATE, LEDGER_ID));
    ReportEntry10 entry = MxCamt05400108.parse(xml).getBkToCstmrDbtCdtNtfctn().getNtfctn()
        .getFirst().getNtry().getFirst();
    assertThat(entry.getBkTxCd().getDomn().getCd()).isEqualTo("PMNT");
    assertThat(entry.getBkTxCd().getDomn().getFmly().getCd()).isEqualTo("RCDT");
    assertThat(entry.getAcctSvcrRef()).isEqualTo(LEDGER_ID.substring(0, 35));
    assertThat(entry.getAddtlNtryInf()).isEqualTo("ledger transaction " + LEDGER_ID);
  }
}
