package io.clearline.iso20022;

import io.clearline.iso20022.TransactionChecks.Agent;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * camt.050 LqdtyCdtTrf, every supported version: MsgHdr, then the one transfer. The versions
 * differ only in Prowide's type names (LiquidityCreditTransfer2/3/4), so the model is read by
 * element name like pacs.008 and pacs.009, with the same amount, BIC, IBAN and date rules.
 *
 * <p>Who may send: the debtor (Dbtr), the bank whose account is debited, as for pacs (the
 * instructing agent): a bank moves only its own money. The schema also lets a message name only
 * the creditor, which would let a bank pull liquidity from an account it does not own; Clearline
 * holds no such mandate, so Dbtr with a BIC is required. The creditor may be named by BIC or by
 * account alone (a bank moving liquidity between its own accounts names just CdtrAcct).
 */
final class LiquidityTransfers {

  private static final String ROOT = "LqdtyCdtTrf";

  private final GroupMapper mapper;
  private final TransactionChecks checks;

  LiquidityTransfers(GroupMapper mapper, TransactionChecks checks) {
    this.mapper = mapper;
    this.checks = checks;
  }

  /** @param message the parsed {@code MxCamt050001nn} */
  Checked<LiquidityTransferMessage> map(Object message, String definition) {
    ModelNode document = ModelNode.of(message).child(ROOT);
    ModelNode header = document.child("MsgHdr");
    ModelNode transfer = document.child(ROOT);
    if (header.isAbsent() || transfer.isAbsent()) {
      return refuse(ReasonCode.INVALID_FILE_FORMAT,
          "the Document holds no " + ROOT + " with a MsgHdr and a " + ROOT);
    }
    Rejection problem = mapper.checkMessageId(header.text("MsgId"), "MsgHdr/MsgId");
    ModelNode transferId = transfer.child("LqdtyTrfId");
    if (problem == null) {
      problem = mapper.checkReferenceLength(transferId.text("EndToEndId"),
          "LqdtyTrfId/EndToEndId");
    }
    if (problem == null) {
      problem = mapper.checkReferenceLength(transferId.text("InstrId"), "LqdtyTrfId/InstrId");
    }
    if (problem != null) {
      return Checked.refused(problem);
    }
    String where = "";
    Agent debtor = new Agent("debtor (Dbtr)", Parties.bicOf(transfer.child("Dbtr")));
    Agent creditor = new Agent("creditor (Cdtr)", Parties.bicOf(transfer.child("Cdtr")));
    String creditorAccount = Parties.accountOf(transfer.child("CdtrAcct"));
    problem = checks.checkRequiredAgents(where, debtor);
    if (problem == null) {
      problem = checks.checkPresentAgents(where, creditor);
    }
    if (problem == null && creditor.bic() == null && creditorAccount == null) {
      problem = mapper.reject(ReasonCode.BANK_IDENTIFIER_INCORRECT,
          "the creditor is named neither by Cdtr BICFI nor by CdtrAcct");
    }
    if (problem == null) {
      problem = mapper.checkSender(debtor.bic(), "the debtor (Dbtr) '" + debtor.bic() + "'");
    }
    if (problem == null) {
      problem = checks.checkIban(transfer.child("DbtrAcct"), "DbtrAcct", where);
    }
    if (problem == null) {
      problem = checks.checkIban(transfer.child("CdtrAcct"), "CdtrAcct", where);
    }
    if (problem != null) {
      return Checked.refused(problem);
    }
    ModelNode amount = transfer.child("TrfdAmt");
    if (amount.child("AmtWthCcy").isAbsent() && amount.decimal("AmtWthtCcy") != null) {
      // The schema's currency-less choice means "the system's currency"; Clearline settles in
      // several, so an amount without its currency cannot be converted to minor units safely.
      return refuse(ReasonCode.NOT_ALLOWED_CURRENCY,
          "TrfdAmt/AmtWthtCcy carries no currency; send TrfdAmt/AmtWthCcy with Ccy");
    }
    Checked<Long> minorUnits = checks.minorUnits(amount.child("AmtWthCcy"), "TrfdAmt", where);
    if (minorUnits.isRefused()) {
      return Checked.refused(minorUnits.rejection());
    }
    LocalDate settlementDate = transfer.date("SttlmDt");
    if (settlementDate != null) {
      problem = checks.checkSettlementDate(settlementDate, "SttlmDt", where);
      if (problem != null) {
        return Checked.refused(problem);
      }
    }
    OffsetDateTime created = header.dateTime("CreDtTm");
    problem = checks.checkCreationDateTime(created, "MsgHdr/CreDtTm");
    if (problem != null) {
      return Checked.refused(problem);
    }
    String endToEndId = transferId.text("EndToEndId");
    return Checked.of(new LiquidityTransferMessage(header.text("MsgId"), definition,
        created == null ? null : created.toInstant(),
        endToEndId != null ? endToEndId : transferId.text("InstrId"),
        debtor.bic(), Parties.accountOf(transfer.child("DbtrAcct")), creditor.bic(),
        creditorAccount, minorUnits.value(), amount.child("AmtWthCcy").text("Ccy"),
        settlementDate));
  }

  private <T> Checked<T> refuse(String reasonCode, String explanation) {
    return Checked.refused(mapper.reject(reasonCode, explanation));
  }
}
