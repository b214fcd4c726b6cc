package io.clearline.iso20022;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds the {@link CreditTransfer} with its content digest: a SHA-256 over the business content
 * only (not MsgId, CreDtTm or envelope), so a resend of the same payment in a new message has the
 * same digest while any change to what moves, between whom, or when does not.
 */
final class ContentDigest {

  private ContentDigest() {}

  /** The four agents of a customer credit transfer, by BIC. */
  record Agents(String instructing, String instructed, String debtor, String creditor) {}

  static CreditTransfer transfer(
      TransactionChecks.Payment payment, Agents agents, ModelNode transaction, ModelNode groupHeader) {
    String debtorName = Parties.nameOf(transaction.child("Dbtr"));
    String debtorAccount = Parties.accountOf(transaction.child("DbtrAcct"));
    String creditorName = Parties.nameOf(transaction.child("Cdtr"));
    String creditorAccount = Parties.accountOf(transaction.child("CdtrAcct"));
    String priority = transaction.path("PmtTpInf").code("InstrPrty");
    boolean highPriority = "HIGH".equals(priority != null ? priority
        : groupHeader.path("PmtTpInf").code("InstrPrty"));
    String[] content = {payment.uetr(), payment.endToEndId(), agents.instructing(),
        agents.instructed(), agents.debtor(), agents.creditor(),
        Long.toString(payment.amountMinorUnits()), payment.currency(),
        payment.settlementDate().toString(), debtorName, debtorAccount, creditorName,
        creditorAccount};
    // Only a HIGH payment adds a field, so that digests of normal payments stay what they were.
    String digest = highPriority ? digest(append(content, "HIGH")) : digest(content);
    return new CreditTransfer(payment.uetr(), payment.instructionId(), payment.endToEndId(),
        payment.transactionId(), agents.instructing(), agents.instructed(), agents.debtor(),
        agents.creditor(), payment.amountMinorUnits(), payment.currency(),
        payment.settlementDate(), debtorName, debtorAccount, creditorName, creditorAccount,
        digest, highPriority);
  }

  private static String[] append(String[] fields, String field) {
    String[] longer = java.util.Arrays.copyOf(fields, fields.length + 1);
    longer[fields.length] = field;
    return longer;
  }

  /** Each field is length-prefixed so that no two different field lists share an encoding. */
  static String digest(String... fields) {
    StringBuilder canonical = new StringBuilder();
    for (String field : fields) {
      if (field == null) {
        canonical.append("-;");
      } else {
        canonical.append(field.length()).append(':').append(field).append(';');
      }
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(
          sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK ships SHA-256", impossible);
    }
  }
}
