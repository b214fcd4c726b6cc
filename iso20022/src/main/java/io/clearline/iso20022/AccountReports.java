package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.AccountSchemeName1Choice;
import com.prowidesoftware.swift.model.mx.dic.AmountAndDirection35;
import com.prowidesoftware.swift.model.mx.dic.BalanceType10Choice;
import com.prowidesoftware.swift.model.mx.dic.BalanceType13;
import com.prowidesoftware.swift.model.mx.dic.BankTransactionCodeStructure4;
import com.prowidesoftware.swift.model.mx.dic.BankTransactionCodeStructure5;
import com.prowidesoftware.swift.model.mx.dic.BankTransactionCodeStructure6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount39;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryDetails9;
import com.prowidesoftware.swift.model.mx.dic.EntryStatus1Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.NumberAndSumOfTransactions1;
import com.prowidesoftware.swift.model.mx.dic.NumberAndSumOfTransactions4;
import com.prowidesoftware.swift.model.mx.dic.OrganisationIdentification29;
import com.prowidesoftware.swift.model.mx.dic.Party38Choice;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.TotalTransactions6;
import com.prowidesoftware.swift.model.mx.dic.TransactionAgents5;
import com.prowidesoftware.swift.model.mx.dic.TransactionReferences6;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts the cash-management reports share: camt.054 notifications, camt.052 intraday
 * reports and camt.053 statements (all .001.08, one schema generation) describe a settlement
 * account, booked entries and balances alike, so each part is built here once.
 */
final class AccountReports {

  /** Entry status BOOK: the entry is final on the ledger, not pending or expected. */
  static final String ENTRY_STATUS_BOOKED = "BOOK";
  /**
   * Bank transaction code (required on every entry by the schema), ISO domain "payments".
   * Families RCDT and ICDT (received and issued credit transfers) tell a credit from a debit;
   * the sub-family stays OTHR because one account here carries customer and FI transfers,
   * returns and liquidity transfers alike.
   */
  static final String TRANSACTION_DOMAIN_PAYMENTS = "PMNT";
  static final String TRANSACTION_FAMILY_RECEIVED_CREDIT_TRANSFERS = "RCDT";
  static final String TRANSACTION_FAMILY_ISSUED_CREDIT_TRANSFERS = "ICDT";
  static final String TRANSACTION_SUB_FAMILY_OTHER = "OTHR";
  /** Balance types (BalanceType12Code): opening, closing and interim booked. */
  static final String BALANCE_OPENING_BOOKED = "OPBD";
  static final String BALANCE_CLOSING_BOOKED = "CLBD";
  static final String BALANCE_INTERIM_BOOKED = "ITBD";

  private AccountReports() {}

  /**
   * One booked entry as every report writes it.
   *
   * @param originalMessageId MsgId of the message that carried the payment, or null
   * @param instructionId the payment's InstrId, or null
   * @param counterpartyBic the payer for a credit (related debtor agent), the payee for a debit
   *     (related creditor agent), or null when there is none to name
   */
  record BookedEntry(
      long amountMinorUnits,
      String currency,
      AccountActivity.Direction direction,
      Instant bookedAt,
      LocalDate valueDate,
      String ledgerTransactionId,
      String counterpartyBic,
      String originalMessageId,
      String instructionId,
      String endToEndId,
      String uetr) {

    static BookedEntry of(AccountActivity.Entry entry, String currency, LocalDate valueDate) {
      return new BookedEntry(entry.amountMinorUnits(), currency, entry.direction(),
          entry.bookedAt(), valueDate, entry.ledgerTransactionId(), entry.counterpartyBic(),
          null, null, entry.endToEndId(), entry.uetr());
    }
  }

  /** A booked entry with the one transaction behind it, quoted by its references. */
  static ReportEntry10 entry(BookedEntry booked) {
    CreditDebitCode direction = creditDebit(booked.direction());
    String servicerReference = accountServicerReference(booked.ledgerTransactionId());
    TransactionAgents5 agents = booked.counterpartyBic() == null ? null
        : booked.direction() == AccountActivity.Direction.CREDIT
            ? new TransactionAgents5().setDbtrAgt(Iso20022Writer.agent(booked.counterpartyBic()))
            : new TransactionAgents5().setCdtrAgt(Iso20022Writer.agent(booked.counterpartyBic()));
    EntryTransaction10 details = new EntryTransaction10()
        .setRefs(new TransactionReferences6()
            .setMsgId(booked.originalMessageId())
            .setAcctSvcrRef(servicerReference)
            .setInstrId(booked.instructionId())
            .setEndToEndId(booked.endToEndId())
            .setUETR(booked.uetr()))
        .setAmt(Iso20022Writer.amount(booked.amountMinorUnits(), booked.currency()))
        .setCdtDbtInd(direction)
        .setRltdAgts(agents);
    return new ReportEntry10()
        .setAmt(Iso20022Writer.amount(booked.amountMinorUnits(), booked.currency()))
        .setCdtDbtInd(direction)
        .setSts(new EntryStatus1Choice().setCd(ENTRY_STATUS_BOOKED))
        .setBookgDt(new DateAndDateTime2Choice()
            .setDtTm(booked.bookedAt().atOffset(ZoneOffset.UTC)))
        .setValDt(new DateAndDateTime2Choice().setDt(booked.valueDate()))
        .setAcctSvcrRef(servicerReference)
        .setBkTxCd(transactionCode(booked.direction()))
        // The whole ledger id, by which GET /api/ledger/transactions/{id} shows the transaction.
        .setAddtlNtryInf("ledger transaction " + booked.ledgerTransactionId())
        .addNtryDtls(new EntryDetails9().addTxDtls(details));
  }

  private static BankTransactionCodeStructure4 transactionCode(
      AccountActivity.Direction direction) {
    String family = direction == AccountActivity.Direction.CREDIT
        ? TRANSACTION_FAMILY_RECEIVED_CREDIT_TRANSFERS
        : TRANSACTION_FAMILY_ISSUED_CREDIT_TRANSFERS;
    return new BankTransactionCodeStructure4().setDomn(new BankTransactionCodeStructure5()
        .setCd(TRANSACTION_DOMAIN_PAYMENTS)
        .setFmly(new BankTransactionCodeStructure6()
            .setCd(family)
            .setSubFmlyCd(TRANSACTION_SUB_FAMILY_OTHER)));
  }

  /**
   * AcctSvcrRef is Max35Text; a ledger id is longer, and its first 35 hex characters still
   * identify it.
   */
  static String accountServicerReference(String ledgerTransactionId) {
    return ledgerTransactionId.length() <= Identifiers.REFERENCE_LENGTH_MAX ? ledgerTransactionId
        : ledgerTransactionId.substring(0, Identifiers.REFERENCE_LENGTH_MAX);
  }

  /**
   * A bank's settlement account here: it has no IBAN, so it is identified by the owner's BIC
   * under Clearline's proprietary scheme, and serviced by the settlement system.
   */
  static CashAccount39 settlementAccount(String ownerBic, String currency,
      String settlementSystemBic) {
    return new CashAccount39()
        .setId(new AccountIdentification4Choice().setOthr(new GenericAccountIdentification1()
            .setId(ownerBic)
            .setSchmeNm(new AccountSchemeName1Choice()
                .setPrtry(Iso20022Writer.ACCOUNT_SCHEME))))
        .setCcy(currency)
        .setOwnr(new PartyIdentification135()
            .setId(new Party38Choice().setOrgId(new OrganisationIdentification29()
                .setAnyBIC(ownerBic))))
        .setSvcr(Iso20022Writer.agent(settlementSystemBic));
  }

  /**
   * A balance of a type (OPBD, CLBD, ITBD...): the amount is never negative in ISO 20022, so a
   * debit balance is its absolute value marked DBIT, and zero is a credit balance.
   */
  static CashBalance8 balance(String type, long balanceMinorUnits, String currency,
      DateAndDateTime2Choice date) {
    return new CashBalance8()
        .setTp(new BalanceType13().setCdOrPrtry(new BalanceType10Choice().setCd(type)))
        .setAmt(Iso20022Writer.amount(Math.absExact(balanceMinorUnits), currency))
        .setCdtDbtInd(balanceMinorUnits < 0 ? CreditDebitCode.DBIT : CreditDebitCode.CRDT)
        .setDt(date);
  }

  /** Number and sum of the credits, the debits, and all entries with their net. */
  static TotalTransactions6 summary(List<AccountActivity.Entry> entries, String currency) {
    long credits = 0;
    long debits = 0;
    int creditCount = 0;
    for (AccountActivity.Entry entry : entries) {
      if (entry.direction() == AccountActivity.Direction.CREDIT) {
        credits = Math.addExact(credits, entry.amountMinorUnits());
        creditCount++;
      } else {
        debits = Math.addExact(debits, entry.amountMinorUnits());
      }
    }
    int scale = Iso4217.requireScale(currency);
    long net = Math.subtractExact(credits, debits);
    return new TotalTransactions6()
        .setTtlNtries(new NumberAndSumOfTransactions4()
            .setNbOfNtries(Integer.toString(entries.size()))
            .setSum(BigDecimal.valueOf(Math.addExact(credits, debits), scale))
            .setTtlNetNtry(new AmountAndDirection35()
                .setAmt(BigDecimal.valueOf(Math.absExact(net), scale))
                .setCdtDbtInd(net < 0 ? CreditDebitCode.DBIT : CreditDebitCode.CRDT)))
        .setTtlCdtNtries(new NumberAndSumOfTransactions1()
            .setNbOfNtries(Integer.toString(creditCount))
            .setSum(BigDecimal.valueOf(credits, scale)))
        .setTtlDbtNtries(new NumberAndSumOfTransactions1()
            .setNbOfNtries(Integer.toString(entries.size() - creditCount))
            .setSum(BigDecimal.valueOf(debits, scale)));
  }

  private static CreditDebitCode creditDebit(AccountActivity.Direction direction) {
    return CreditDebitCode.valueOf(direction.isoCode());
  }

  /**
   * One message's share of a report: its entries and the balances around them.
   *
   * @param number 1-based page number (GrpHdr/MsgPgntn/PgNb)
   */
  record Page(int number, boolean last, List<AccountActivity.Entry> entries,
      long openingBalanceMinorUnits, long closingBalanceMinorUnits) {}

  /**
   * The activity cut into pages of at most {@code entriesPerPageMax} entries, in booking order;
   * one page, without entries, when there are none. Each page's opening balance is the previous
   * page's closing balance.
   */
  static List<Page> pages(AccountActivity activity, int entriesPerPageMax) {
    List<AccountActivity.Entry> entries = activity.entries();
    List<Page> pages = new ArrayList<>();
    long balance = activity.openingBalanceMinorUnits();
    int start = 0;
    do {
      int end = Math.min(entries.size(), start + entriesPerPageMax);
      List<AccountActivity.Entry> pageEntries = entries.subList(start, end);
      long after = AccountActivity.balanceAfter(balance, pageEntries);
      pages.add(new Page(pages.size() + 1, end == entries.size(), pageEntries, balance, after));
      balance = after;
      start = end;
    } while (start < entries.size());
    return pages;
  }
}
