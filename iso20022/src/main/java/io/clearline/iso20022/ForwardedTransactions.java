package io.clearline.iso20022;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Cuts a message with a group header (pacs.009, pacs.004, every supported version) down to the
 * transactions of the one bank it is forwarded to, and makes it a message from the settlement
 * system to that bank: a message of several transactions, as sent, would show each payee the
 * others' transactions.
 *
 * <p>The group header's NbOfTxs, CtrlSum and total amount (where given) are recomputed for what is
 * left, and the instructing and instructed agents become the settlement system and the recipient,
 * as in a forwarded pacs.008: a bank's reader checks that the instructing agent is the sender of
 * the business application header, and the settlement system sends it. Everything else is left
 * as the bank sent it. Works by ISO element name, as {@link ModelNode} reads.
 */
final class ForwardedTransactions {

  /** Setters of each model class by element name, built once per class. */
  private static final ClassValue<Map<String, Method>> SETTERS = new ClassValue<>() {
    @Override
    protected Map<String, Method> computeValue(Class<?> type) {
      Map<String, Method> setters = new HashMap<>();
      for (Method method : type.getMethods()) {
        if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
          setters.put(method.getName().substring(3), method);
        }
      }
      return Map.copyOf(setters);
    }
  };

  /**
   * Where a message type keeps its transactions and their amounts.
   *
   * @param transactionElement the repeated transaction element, e.g. CdtTrfTxInf
   * @param amountElement each transaction's amount, which CtrlSum adds up
   * @param totalAmountElement the group header's total of those amounts
   */
  record Layout(String transactionElement, String amountElement, String totalAmountElement) {
    static final Layout FINANCIAL_INSTITUTION_TRANSFER =
        new Layout("CdtTrfTxInf", "IntrBkSttlmAmt", "TtlIntrBkSttlmAmt");
    static final Layout PAYMENT_RETURN =
        new Layout("TxInf", "RtrdIntrBkSttlmAmt", "TtlRtrdIntrBkSttlmAmt");
  }

  private ForwardedTransactions() {}

  /**
   * Keeps only the transactions {@code isRecipients} accepts, then rewrites the group header.
   *
   * @param document the Document's child (e.g. FICdtTrf) of a message the reader accepted
   * @param isRecipients tells, from a transaction and the group header as sent, whether the
   *     transaction is the recipient's
   * @param wanted how the explanation names the recipient's transactions, e.g. "with UETR ..."
   * @throws IllegalArgumentException if no transaction is the recipient's
   */
  static void keepOnly(ModelNode document, Layout layout,
      BiPredicate<ModelNode, ModelNode> isRecipients, String wanted, String settlementSystemBic,
      String recipientBic) {
    ModelNode groupHeader = document.child("GrpHdr");
    List<?> transactions = (List<?>) document.value(layout.transactionElement());
    if (transactions == null) {
      throw new IllegalArgumentException("the original holds no " + layout.transactionElement());
    }
    transactions.removeIf(
        transaction -> !isRecipients.test(ModelNode.of(transaction), groupHeader));
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException("the original holds no transaction " + wanted);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Object transaction : transactions) {
      sum = sum.add(ModelNode.of(transaction).child(layout.amountElement()).decimal("Value"));
      set(transaction, "InstgAgt", null);
      set(transaction, "InstdAgt", null);
    }
    set(groupHeader.model(), "NbOfTxs", Integer.toString(transactions.size()));
    if (groupHeader.decimal("CtrlSum") != null) {
      set(groupHeader.model(), "CtrlSum", sum);
    }
    // Not every version's group header has the total; where the bank gave one, it must agree too.
    if (groupHeader.hasElement(layout.totalAmountElement())
        && !groupHeader.child(layout.totalAmountElement()).isAbsent()) {
      set(groupHeader.child(layout.totalAmountElement()).model(), "Value", sum);
    }
    set(groupHeader.model(), "InstgAgt", agent(groupHeader.model(), "InstgAgt", settlementSystemBic));
    set(groupHeader.model(), "InstdAgt", agent(groupHeader.model(), "InstdAgt", recipientBic));
  }

  /** A new agent of the type the model's element takes, identified by its BIC only. */
  private static Object agent(Object model, String element, String bic) {
    Object agent = newInstance(setter(model, element).getParameterTypes()[0]);
    Object institution = newInstance(setter(agent, "FinInstnId").getParameterTypes()[0]);
    set(institution, "BICFI", bic);
    set(agent, "FinInstnId", institution);
    return agent;
  }

  private static Object newInstance(Class<?> type) {
    try {
      return type.getConstructor().newInstance();
    } catch (ReflectiveOperationException broken) {
      throw new IllegalStateException("cannot create a " + type.getSimpleName(), broken);
    }
  }

  private static void set(Object model, String element, Object value) {
    try {
      setter(model, element).invoke(model, value);
    } catch (IllegalAccessException | InvocationTargetException broken) {
      throw new IllegalStateException("cannot set " + element + " of "
          + model.getClass().getSimpleName(), broken);
    }
  }

  private static Method setter(Object model, String element) {
    Method setter = SETTERS.get(model.getClass()).get(element);
    if (setter == null) {
      throw new IllegalStateException(model.getClass().getSimpleName()
          + " has no element " + element);
    }
    return setter;
  }
}
