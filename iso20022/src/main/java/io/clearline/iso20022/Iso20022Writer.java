package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.BusinessAppHdrV02;
import com.prowidesoftware.swift.model.mx.MxCamt02500105;
import com.prowidesoftware.swift.model.mx.MxCamt02900109;
import com.prowidesoftware.swift.model.mx.MxCamt05200108;
import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.MxCamt05400108;
import com.prowidesoftware.swift.model.mx.MxPacs00200110;
import com.prowidesoftware.swift.model.mx.MxPacs00800108;
import com.prowidesoftware.swift.model.mx.dic.AccountNotification17;
import com.prowidesoftware.swift.model.mx.dic.TotalTransactions6;
import com.prowidesoftware.swift.model.mx.dic.Pagination1;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.BankToCustomerStatementV08;
import com.prowidesoftware.swift.model.mx.dic.BankToCustomerAccountReportV08;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.AccountReport25;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.BankToCustomerDebitCreditNotificationV08;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CancellationIndividualStatus1Code;
import com.prowidesoftware.swift.model.mx.dic.CancellationStatusReason3Choice;
import com.prowidesoftware.swift.model.mx.dic.CancellationStatusReason4;
import com.prowidesoftware.swift.model.mx.dic.Case5;
import com.prowidesoftware.swift.model.mx.dic.CaseAssignment5;
import com.prowidesoftware.swift.model.mx.dic.CashAccount39;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction39;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FIToFICustomerCreditTransferV08;
import com.prowidesoftware.swift.model.mx.dic.FIToFIPaymentStatusReportV10;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader81;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader91;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader93;
import com.prowidesoftware.swift.model.mx.dic.InvestigationStatus5Choice;
import com.prowidesoftware.swift.model.mx.dic.MessageHeader9;
import com.prowidesoftware.swift.model.mx.dic.OrganisationIdentification29;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupHeader17;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupInformation29;
import com.prowidesoftware.swift.model.mx.dic.OriginalMessageAndIssuer1;
import com.prowidesoftware.swift.model.mx.dic.Party38Choice;
import com.prowidesoftware.swift.model.mx.dic.Party40Choice;
import com.prowidesoftware.swift.model.mx.dic.Party44Choice;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction102;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction110;
import com.prowidesoftware.swift.model.mx.dic.Receipt3;
import com.prowidesoftware.swift.model.mx.dic.ReceiptV05;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.ResolutionOfInvestigationV09;
import com.prowidesoftware.swift.model.mx.dic.RequestHandling1;
import com.prowidesoftware.swift.model.mx.dic.SettlementInstruction7;
import com.prowidesoftware.swift.model.mx.dic.SettlementMethod1Code;
import com.prowidesoftware.swift.model.mx.dic.StatusReason6Choice;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation12;
import com.prowidesoftware.swift.model.mx.dic.UnderlyingTransaction22;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Writes the messages the settlement system sends to banks, each as a full XML document: an
 * {@code Envelope} element holding the business application header (head.001.001.02) then the
 * Document. "Envelope" is the wrapper the CBPR+ and HVPS+ samples use; banks' transports that
 * need another wrapper re-wrap it.
 *
 * <p>Thread-safe. Fails with {@link IllegalArgumentException} only on caller bugs (a BIC that is
 * not a BIC, a UETR not in the original message).
 */
public final class Iso20022Writer {

  public static final String ENVELOPE_ELEMENT = "Envelope";
  public static final String NO_REFERENCE = "NONREF";
  public static final String UNKNOWN_MESSAGE_NAME = "UNKNOWN";
  /**
   * Scheme name of the settlement accounts Clearline keeps: a bank's account here has no IBAN,
   * so it is identified by the bank's BIC under this proprietary scheme.
   */
  public static final String ACCOUNT_SCHEME = "CLEARLINE";
  /** Max105Text: the schema limit of one AddtlInf line. */
  static final int ADDITIONAL_INFORMATION_LENGTH_MAX = 105;
  /** The schema allows AddtlInf up to unbounded; a few lines carry any explanation we write. */
  static final int ADDITIONAL_INFORMATION_LINES_MAX = 3;
  /**
   * Entries per camt.052 or camt.053 message; more are paged. An entry with its details takes
   * about 2 KiB of XML, so a full page stays far below the 1 MiB the reader (ours, and most
   * banks') accepts.
   */
  public static final int ENTRIES_PER_PAGE_MAX = 200;

  private final String settlementSystemBic;
  private final Clock clock;
  private final TransportGuard guard = new TransportGuard(
      ReaderSettings.SIZE_MAX_BYTES_DEFAULT, ReaderSettings.NESTING_DEPTH_MAX_DEFAULT);

  public Iso20022Writer(String settlementSystemBic, Clock clock) {
    this.settlementSystemBic = Identifiers.requireBic(settlementSystemBic, "settlementSystemBic");
    this.clock = Objects.requireNonNull(clock, "clock");
    ProwideSetup.ensureInstalled();
  }

  /** A pacs.002.001.10 answering one message or one transaction. */
  public String paymentStatusReport(StatusReport report) {
    return paymentStatusReport(List.of(report));
  }

  /**
   * A pacs.002.001.10 answering several messages or transactions of one bank at once, as the
   * answer to a pacs.028 status request does: a TxInfAndSts per transaction-level report and an
   * OrgnlGrpInfAndSts per message-level one, each in the given order.
   *
   * @throws IllegalArgumentException if there are no reports or they go to different banks
   */
  public String paymentStatusReport(List<StatusReport> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("a status report answers at least one payment");
    }
    String recipientBic = Identifiers.requireBic(reports.getFirst().recipientBic(), "recipientBic");
    String messageId = newMessageId();
    OffsetDateTime now = now();
    FIToFIPaymentStatusReportV10 document = new FIToFIPaymentStatusReportV10()
        .setGrpHdr(new GroupHeader91().setMsgId(messageId).setCreDtTm(now));
    for (StatusReport report : reports) {
      if (!report.recipientBic().equals(recipientBic)) {
        throw new IllegalArgumentException("one status report goes to one bank, not to "
            + recipientBic + " and " + report.recipientBic());
      }
      if (report.isTransactionLevel()) {
        document.addTxInfAndSts(transactionStatus(report));
      } else {
        document.addOrgnlGrpInfAndSts(groupStatus(report));
      }
    }
    MxPacs00200110 mx = new MxPacs00200110().setFIToFIPmtStsRpt(document);
    return write(mx, messageId, "pacs.002.001.10", recipientBic, now);
  }

  private static OriginalGroupHeader17 groupStatus(StatusReport report) {
    OriginalGroupHeader17 group = new OriginalGroupHeader17()
        .setOrgnlMsgId(orElse(report.originalMessageId(), NO_REFERENCE))
        .setOrgnlMsgNmId(orElse(report.originalMessageDefinition(), UNKNOWN_MESSAGE_NAME))
        .setGrpSts(report.status().isoCode());
    if (report.reasonCode() != null) {
      group.addStsRsnInf(reason(report));
    }
    return group;
  }

  private PaymentTransaction110 transactionStatus(StatusReport report) {
    PaymentTransaction110 transaction = new PaymentTransaction110()
        .setOrgnlGrpInf(new OriginalGroupInformation29()
            .setOrgnlMsgId(orElse(report.originalMessageId(), NO_REFERENCE))
            .setOrgnlMsgNmId(orElse(report.originalMessageDefinition(), UNKNOWN_MESSAGE_NAME)))
        .setOrgnlInstrId(report.originalInstructionId())
        .setOrgnlEndToEndId(report.originalEndToEndId())
        .setOrgnlUETR(report.originalUETR())
        .setTxSts(report.status().isoCode());
    if (report.status() == StatusReport.Status.SETTLED) {
      transaction.setAccptncDtTm(report.settledAt().atOffset(ZoneOffset.UTC));
    }
    if (report.reasonCode() != null) {
      transaction.addStsRsnInf(reason(report));
    }
    return transaction;
  }

  private static StatusReasonInformation12 reason(StatusReport report) {
    StatusReasonInformation12 reason = new StatusReasonInformation12()
        .setRsn(new StatusReason6Choice().setCd(report.reasonCode()));
    additionalInformation(report.explanation()).forEach(reason::addAddtlInf);
    return reason;
  }

  /** An explanation cut into AddtlInf lines of the schema's length, at most a few of them. */
  private static List<String> additionalInformation(String explanation) {
    List<String> lines = new ArrayList<>();
    String rest = explanation == null ? "" : explanation.strip();
    while (lines.size() < ADDITIONAL_INFORMATION_LINES_MAX && !rest.isEmpty()) {
      int end = Math.min(rest.length(), ADDITIONAL_INFORMATION_LENGTH_MAX);
      lines.add(rest.substring(0, end));
      rest = rest.substring(end);
    }
    return lines;
  }

  /**
   * A pacs.008.001.08 from the settlement system to the creditor agent carrying the one
   * transaction with this UETR from an original message the reader accepted earlier.
   *
   * @throws IllegalArgumentException if the original cannot be read or holds no such UETR
   */
  public String forwardCreditTransfer(byte[] originalXml, String uetr, String creditorAgentBic) {
    Identifiers.requireBic(creditorAgentBic, "creditorAgentBic");
    CreditTransferTransaction39 transaction = findTransaction(originalXml, uetr);
    String messageId = newMessageId();
    OffsetDateTime now = now();
    transaction.setInstgAgt(null).setInstdAgt(null);
    GroupHeader93 groupHeader = new GroupHeader93()
        .setMsgId(messageId)
        .setCreDtTm(now)
        .setNbOfTxs("1")
        .setCtrlSum(transaction.getIntrBkSttlmAmt().getValue())
        .setSttlmInf(new SettlementInstruction7().setSttlmMtd(SettlementMethod1Code.CLRG))
        .setInstgAgt(agent(settlementSystemBic))
        .setInstdAgt(agent(creditorAgentBic));
    FIToFICustomerCreditTransferV08 document = new FIToFICustomerCreditTransferV08()
        .setGrpHdr(groupHeader)
        .addCdtTrfTxInf(transaction);
    MxPacs00800108 mx = new MxPacs00800108().setFIToFICstmrCdtTrf(document);
    return write(mx, messageId, "pacs.008.001.08", creditorAgentBic, now);
  }

  /**
   * Whether an original message the reader accepted earlier is a payment return (pacs.004), which
   * is forwarded with {@link #forwardReturn} rather than {@link #forwardCreditTransfer}.
   */
  public boolean isReturn(byte[] originalXml) {
    return definitionOf(originalXml).startsWith("pacs.004.");
  }

  /** The message definition of an original, or "" when it cannot be read. */
  private String definitionOf(byte[] originalXml) {
    Checked<EnvelopeScan> scan = guard.scan(originalXml);
    return scan.isRefused() || scan.value().messageDefinition() == null ? ""
        : scan.value().messageDefinition();
  }

  /** Whether an original message the reader accepted earlier is an FI credit transfer (pacs.009). */
  public boolean isFinancialInstitutionTransfer(byte[] originalXml) {
    return definitionOf(originalXml).startsWith("pacs.009.");
  }

  /**
   * An FI credit transfer (pacs.009) the reader accepted earlier, forwarded to the participant
   * paid by its transaction with this UETR: the bank's document in the version it was sent, cut
   * down to that transaction (see {@link ForwardedTransactions}), under the settlement system's
   * header. A pacs.009 of several transfers is so forwarded once per transfer, each payee seeing
   * only its own.
   *
   * @throws IllegalArgumentException if the original is not a readable pacs.009 or holds no
   *     transaction with this UETR
   */
  public String forwardFinancialInstitutionTransfer(byte[] originalXml, String uetr,
      String payeeBic) {
    Objects.requireNonNull(uetr, "uetr");
    return forwardOwnTransactions(originalXml, "pacs.009.", payeeBic,
        ForwardedTransactions.Layout.FINANCIAL_INSTITUTION_TRANSFER,
        (transaction, groupHeader) -> uetr.equalsIgnoreCase(transaction.text("PmtId", "UETR")),
        "with UETR " + uetr);
  }

  /**
   * A return (pacs.004) the reader accepted earlier, forwarded to the creditor agent of the
   * return (the original payer): the returning bank's document in the version it was sent, cut
   * down to the one return that settled as payment {@code uetr}, under the settlement system's
   * header. A return has no UETR of its own in the message; {@code uetr} is the one
   * {@link DerivedUetrs#ofReturn} gave it when it came in.
   *
   * @throws IllegalArgumentException if the original is not a readable pacs.004 or holds no
   *     return with this UETR
   */
  public String forwardReturn(byte[] originalXml, String uetr, String creditorAgentBic) {
    Objects.requireNonNull(uetr, "uetr");
    return forwardOwnTransactions(originalXml, "pacs.004.", creditorAgentBic,
        ForwardedTransactions.Layout.PAYMENT_RETURN,
        (transaction, groupHeader) -> uetr.equalsIgnoreCase(DerivedUetrs.ofReturn(
            TransactionChecks.agentBic(transaction.child("InstgAgt"),
                groupHeader.child("InstgAgt")),
            groupHeader.text("MsgId"), transaction.text("RtrId"),
            transaction.text("OrgnlUETR"))), "that settled as payment " + uetr);
  }

  /**
   * A cancellation request (camt.056) about a payment that had already settled, passed on to that
   * payment's payee in the version it was sent, under a new header, so that the payee may return
   * the payment (pacs.004). Only a request about one payment is passed on, so it shows the payee
   * nothing of other payments.
   *
   * @throws IllegalArgumentException if the original is not a readable camt.056
   */
  public String forwardCancellationRequest(byte[] originalXml, String payeeBic) {
    Identifiers.requireBic(payeeBic, "payeeBic");
    Original original = original(originalXml, "camt.056.");
    return write(original.message(), newMessageId(), original.definition(), payeeBic, now());
  }

  private String forwardOwnTransactions(byte[] originalXml, String definitionPrefix,
      String recipientBic, ForwardedTransactions.Layout layout,
      BiPredicate<ModelNode, ModelNode> isRecipients, String wanted) {
    Identifiers.requireBic(recipientBic, "recipientBic");
    Original original = original(originalXml, definitionPrefix);
    ForwardedTransactions.keepOnly(
        ModelNode.of(original.message()).child(original.rootElement()), layout, isRecipients,
        wanted, settlementSystemBic, recipientBic);
    return write(original.message(), newMessageId(), original.definition(), recipientBic, now());
  }

  /** An original message read back for forwarding, with what it is. */
  private record Original(AbstractMX message, String definition, String rootElement) {}

  private Original original(byte[] originalXml, String definitionPrefix) {
    Checked<EnvelopeScan> scan = guard.scan(originalXml);
    if (scan.isRefused()) {
      throw new IllegalArgumentException(
          "original message unreadable: " + scan.rejection().explanation());
    }
    String definition = scan.value().messageDefinition();
    MessageDefinitions.Definition supported =
        definition == null ? null : MessageDefinitions.SUPPORTED.get(definition);
    if (supported == null || !definition.startsWith(definitionPrefix)) {
      throw new IllegalArgumentException(
          "original message is not a supported " + definitionPrefix + "*: " + definition);
    }
    AbstractMX original = supported.parseDocument(scan.value().decode(originalXml));
    if (original == null) {
      throw new IllegalArgumentException("original message could not be read as " + definition);
    }
    return new Original(original, definition, supported.kind().rootElement);
  }

  private CreditTransferTransaction39 findTransaction(byte[] originalXml, String uetr) {
    Checked<EnvelopeScan> scan = guard.scan(originalXml);
    if (scan.isRefused()) {
      throw new IllegalArgumentException(
          "original message unreadable: " + scan.rejection().explanation());
    }
    MxPacs00800108 original = MxPacs00800108.parse(scan.value().decode(originalXml));
    if (original == null || original.getFIToFICstmrCdtTrf() == null) {
      throw new IllegalArgumentException("original message is not a pacs.008.001.08");
    }
    return original.getFIToFICstmrCdtTrf().getCdtTrfTxInf().stream()
        .filter(candidate -> candidate.getPmtId() != null
            && uetr.equalsIgnoreCase(candidate.getPmtId().getUETR()))
        .findFirst()
        .map(found -> {
          found.getPmtId().setUETR(Identifiers.lowerCase(found.getPmtId().getUETR()));
          return found;
        })
        .orElseThrow(() -> new IllegalArgumentException("no transaction with UETR " + uetr));
  }

  /**
   * A camt.054.001.08 telling the payee's bank that its settlement account here was credited
   * with one settled transaction: one notification, one booked entry, one transaction's details.
   */
  public String creditNotification(CreditNotification notification) {
    String messageId = newMessageId();
    OffsetDateTime now = now();
    ReportEntry10 entry = AccountReports.entry(new AccountReports.BookedEntry(
        notification.amountMinorUnits(), notification.currency(),
        AccountActivity.Direction.CREDIT, notification.bookedAt(), notification.valueDate(),
        notification.ledgerTransactionId(), notification.payerBic(),
        notification.originalMessageId(), notification.instructionId(),
        notification.endToEndId(), notification.uetr()));
    AccountNotification17 account = new AccountNotification17()
        // One notification per message, so the message id also identifies the notification.
        .setId(messageId)
        .setCreDtTm(now)
        .setAcct(AccountReports.settlementAccount(notification.recipientBic(),
            notification.currency(), settlementSystemBic))
        .addNtry(entry);
    BankToCustomerDebitCreditNotificationV08 document =
        new BankToCustomerDebitCreditNotificationV08()
            .setGrpHdr(new GroupHeader81().setMsgId(messageId).setCreDtTm(now))
            .addNtfctn(account);
    MxCamt05400108 mx = new MxCamt05400108().setBkToCstmrDbtCdtNtfctn(document);
    return write(mx, messageId, "camt.054.001.08", notification.recipientBic(), now);
  }

  /**
   * camt.052.001.08 intraday account report(s) to the account's owner: the balance before
   * (OPBD), the entries booked since, and the interim balance after (ITBD), with the number and
   * sum of credits and debits. Usage: during the business day, on request or on a schedule, with
   * the activity since the business day opened (or since the previous report, whose interim
   * balance is then this one's opening balance).
   *
   * <p>More than {@link #ENTRIES_PER_PAGE_MAX} entries are paged: one message per page, in
   * order, all under the same report id, each page's GrpHdr/MsgPgntn and Rpt/RptPgntn numbering
   * it and marking the last; pages but the first open without OPBD, pages but the last close
   * with the interim balance (ITBD) after their entries.
   *
   * @return the messages to deliver in order, at least one
   */
  public List<String> intradayReport(AccountActivity activity) {
    return accountReport(activity, false);
  }

  /**
   * camt.053.001.08 end-of-day statement(s) to the account's owner, written once the business
   * day has closed: the opening booked balance (OPBD), every entry booked that day, and the
   * closing booked balance (CLBD), with the number and sum of credits and debits. The statement
   * id is derived from the business date, currency and owner, so a statement sent twice carries
   * the same id and the bank can tell it is a repeat. Paged like {@link #intradayReport}, pages
   * but the last closing with the interim balance (ITBD) after their entries.
   *
   * @return the messages to deliver in order, at least one
   */
  public List<String> endOfDayStatement(AccountActivity activity) {
    return accountReport(activity, true);
  }

  private List<String> accountReport(AccountActivity activity, boolean endOfDay) {
    OffsetDateTime now = now();
    List<AccountReports.Page> pages = AccountReports.pages(activity, ENTRIES_PER_PAGE_MAX);
    List<String> messages = new ArrayList<>(pages.size());
    String reportId = endOfDay ? "EOD" + activity.businessDate().format(
        DateTimeFormatter.BASIC_ISO_DATE) + activity.currency() + activity.accountOwnerBic()
        : null;
    for (AccountReports.Page page : pages) {
      String messageId = newMessageId();
      // An intraday report takes the id of its first message: unique, and under Max35Text.
      reportId = reportId == null ? messageId : reportId;
      GroupHeader81 groupHeader = new GroupHeader81().setMsgId(messageId).setCreDtTm(now)
          .setMsgPgntn(pagination(page));
      List<CashBalance8> balances = balances(activity, page, endOfDay, now);
      CashAccount39 account = AccountReports.settlementAccount(activity.accountOwnerBic(),
          activity.currency(), settlementSystemBic);
      TotalTransactions6 summary = AccountReports.summary(page.entries(), activity.currency());
      List<ReportEntry10> entries = page.entries().stream()
          .map(entry -> AccountReports.entry(AccountReports.BookedEntry.of(entry,
              activity.currency(), activity.businessDate())))
          .toList();
      AbstractMX mx;
      String definition;
      if (endOfDay) {
        AccountStatement9 statement = new AccountStatement9().setId(reportId)
            .setStmtPgntn(pagination(page)).setCreDtTm(now).setAcct(account)
            .setTxsSummry(summary);
        balances.forEach(statement::addBal);
        entries.forEach(statement::addNtry);
        mx = new MxCamt05300108().setBkToCstmrStmt(new BankToCustomerStatementV08()
            .setGrpHdr(groupHeader).addStmt(statement));
        definition = "camt.053.001.08";
      } else {
        AccountReport25 report = new AccountReport25().setId(reportId)
            .setRptPgntn(pagination(page)).setCreDtTm(now).setAcct(account)
            .setTxsSummry(summary);
        balances.forEach(report::addBal);
        entries.forEach(report::addNtry);
        mx = new MxCamt05200108().setBkToCstmrAcctRpt(new BankToCustomerAccountReportV08()
            .setGrpHdr(groupHeader).addRpt(report));
        definition = "camt.052.001.08";
      }
      messages.add(write(mx, messageId, definition, activity.accountOwnerBic(), now));
    }
    return messages;
  }

  private static Pagination1 pagination(AccountReports.Page page) {
    return new Pagination1().setPgNb(Integer.toString(page.number())).setLastPgInd(page.last());
  }

  /**
   * OPBD on the first page; after the entries, CLBD on the last page of a statement, else the
   * interim balance (ITBD) as of the last entry (or, ending an intraday report, as of now).
   */
  private static List<CashBalance8> balances(AccountActivity activity, AccountReports.Page page,
      boolean endOfDay, OffsetDateTime now) {
    List<CashBalance8> balances = new ArrayList<>(2);
    DateAndDateTime2Choice businessDate =
        new DateAndDateTime2Choice().setDt(activity.businessDate());
    if (page.number() == 1) {
      balances.add(AccountReports.balance(AccountReports.BALANCE_OPENING_BOOKED,
          page.openingBalanceMinorUnits(), activity.currency(), businessDate));
    }
    if (page.last() && endOfDay) {
      balances.add(AccountReports.balance(AccountReports.BALANCE_CLOSING_BOOKED,
          page.closingBalanceMinorUnits(), activity.currency(), businessDate));
    } else {
      OffsetDateTime asOf = page.last() || page.entries().isEmpty() ? now
          : page.entries().getLast().bookedAt().atOffset(ZoneOffset.UTC);
      balances.add(AccountReports.balance(AccountReports.BALANCE_INTERIM_BOOKED,
          page.closingBalanceMinorUnits(), activity.currency(),
          new DateAndDateTime2Choice().setDtTm(asOf)));
    }
    return balances;
  }

  /** The only place minor units become a decimal: exactly the currency's scale, no rounding. */
  static ActiveOrHistoricCurrencyAndAmount amount(long amountMinorUnits,
      String currency) {
    return new ActiveOrHistoricCurrencyAndAmount()
        .setValue(BigDecimal.valueOf(amountMinorUnits, Iso4217.requireScale(currency)))
        .setCcy(currency);
  }

  /** A camt.025.001.05 answering a bank's liquidity transfer: completed or rejected, and why. */
  public String liquidityTransferReceipt(Receipt receipt) {
    String messageId = newMessageId();
    OffsetDateTime now = now();
    ReceiptV05 document = new ReceiptV05()
        .setMsgHdr(new MessageHeader9().setMsgId(messageId).setCreDtTm(now))
        .addRctDtls(new Receipt3()
            .setOrgnlMsgId(new OriginalMessageAndIssuer1().setMsgId(receipt.originalMessageId()))
            .addReqHdlg(new RequestHandling1()
                .setStsCd(receipt.status().isoCode())
                .setDesc(receipt.description())));
    MxCamt02500105 mx = new MxCamt02500105().setRct(document);
    return write(mx, messageId, "camt.025.001.05", receipt.recipientBic(), now);
  }

  /**
   * A camt.029.001.09 answering a bank's camt.056: the case it resolves, the overall confirmation
   * (CNCL, RJCR, PDCR or PECR) and, per payment, cancelled (ACCR), passed on to the payee (PDCR) or
   * refused (RJCR) with the reason,
   * the settlement system named as the originator of the reason.
   */
  public String cancellationResolution(CancellationResolution resolution) {
    String recipientBic = resolution.recipientBic();
    String messageId = newMessageId();
    OffsetDateTime now = now();
    UnderlyingTransaction22 details = new UnderlyingTransaction22();
    for (CancellationResolution.Outcome outcome : resolution.outcomes()) {
      details.addTxInfAndSts(cancellationStatus(outcome));
    }
    ResolutionOfInvestigationV09 document = new ResolutionOfInvestigationV09()
        .setAssgnmt(new CaseAssignment5()
            // One resolution per message, so the message id also identifies the assignment.
            .setId(messageId)
            .setAssgnr(new Party40Choice().setAgt(agent(settlementSystemBic)))
            .setAssgne(new Party40Choice().setAgt(agent(recipientBic)))
            .setCreDtTm(now))
        .setRslvdCase(new Case5()
            .setId(resolution.caseId())
            .setCretr(new Party40Choice().setAgt(agent(recipientBic))))
        .setSts(new InvestigationStatus5Choice().setConf(resolution.confirmation()))
        .addCxlDtls(details);
    MxCamt02900109 mx = new MxCamt02900109().setRsltnOfInvstgtn(document);
    return write(mx, messageId, "camt.029.001.09", recipientBic, now);
  }

  private PaymentTransaction102 cancellationStatus(CancellationResolution.Outcome outcome) {
    CancellationRequest request = outcome.request();
    PaymentTransaction102 transaction = new PaymentTransaction102()
        .setOrgnlInstrId(request.originalInstructionId())
        .setOrgnlEndToEndId(request.originalEndToEndId())
        .setOrgnlUETR(request.originalUetr())
        .setTxCxlSts(CancellationIndividualStatus1Code.valueOf(outcome.status().isoCode()));
    if (request.originalMessageId() != null) {
      transaction.setOrgnlGrpInf(new OriginalGroupInformation29()
          .setOrgnlMsgId(request.originalMessageId())
          .setOrgnlMsgNmId(orElse(request.originalMessageDefinition(), UNKNOWN_MESSAGE_NAME)));
    }
    if (outcome.reasonCode() != null) {
      CancellationStatusReason4 reason = new CancellationStatusReason4()
          .setOrgtr(new PartyIdentification135().setId(new Party38Choice()
              .setOrgId(new OrganisationIdentification29().setAnyBIC(settlementSystemBic))))
          .setRsn(new CancellationStatusReason3Choice().setCd(outcome.reasonCode()));
      additionalInformation(outcome.explanation()).forEach(reason::addAddtlInf);
      transaction.addCxlStsRsnInf(reason);
    }
    return transaction;
  }

  private String write(AbstractMX mx, String messageId, String definition, String recipientBic,
      OffsetDateTime now) {
    BusinessAppHdrV02 header = new BusinessAppHdrV02();
    header.setFr(new Party44Choice().setFIId(agent(settlementSystemBic)))
        .setTo(new Party44Choice().setFIId(agent(recipientBic)))
        .setBizMsgIdr(messageId)
        .setMsgDefIdr(definition)
        .setCreDt(now);
    mx.setAppHdr(header);
    return WriteContexts.envelope(ENVELOPE_ELEMENT, header, mx);
  }

  static BranchAndFinancialInstitutionIdentification6 agent(String bic) {
    return new BranchAndFinancialInstitutionIdentification6()
        .setFinInstnId(new FinancialInstitutionIdentification18().setBICFI(bic));
  }

  /** 34 characters, under Max35Text, unique without coordination between nodes. */
  private static String newMessageId() {
    return "CL" + UUID.randomUUID().toString().replace("-", "");
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
