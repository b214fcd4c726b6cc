package io.clearline.iso20022;

/** Reads the party, agent and account elements that every version spells the same way. */
final class Parties {

  private Parties() {}

  /** An agent's FinInstnId/BICFI, or null. */
  static String bicOf(ModelNode agent) {
    return agent.child("FinInstnId").text("BICFI");
  }

  static String nameOf(ModelNode party) {
    return party.text("Nm");
  }

  static String ibanOf(ModelNode account) {
    return account.child("Id").text("IBAN");
  }

  /** The IBAN, else the other account id, else null. */
  static String accountOf(ModelNode account) {
    ModelNode id = account.child("Id");
    String iban = id.text("IBAN");
    return iban != null ? iban : id.child("Othr").text("Id");
  }
}
