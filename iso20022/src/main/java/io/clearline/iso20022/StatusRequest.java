package io.clearline.iso20022;

/**
 * One payment a bank asks about in a pacs.008/pacs.009 status request (pacs.028 TxInf), or one
 * whole message it asks about (pacs.028 OrgnlGrpInf, then only the message references are set).
 *
 * @param statusRequestId StsReqId, or null
 * @param originalMessageId OrgnlGrpInf/OrgnlMsgId, or null when the request does not name it
 * @param originalMessageDefinition OrgnlGrpInf/OrgnlMsgNmId (e.g. {@code pacs.008.001.08}), or null
 * @param originalInstructionId OrgnlInstrId, or null
 * @param originalEndToEndId OrgnlEndToEndId, or null
 * @param originalTransactionId OrgnlTxId, or null
 * @param originalUetr OrgnlUETR in lower case, or null; the only reference Clearline can look a
 *     payment up by, since every payment it accepts is keyed by its UETR
 */
public record StatusRequest(
    String statusRequestId,
    String originalMessageId,
    String originalMessageDefinition,
    String originalInstructionId,
    String originalEndToEndId,
    String originalTransactionId,
    String originalUetr) {

  public StatusRequest {
    if (originalMessageId == null && originalInstructionId == null && originalEndToEndId == null
        && originalTransactionId == null && originalUetr == null) {
      throw new IllegalArgumentException("a status request names the payment or message it asks about");
    }
    if (originalUetr != null && !Identifiers.isUetr(originalUetr)) {
      throw new IllegalArgumentException("not a lower-case version 4 UETR: " + originalUetr);
    }
  }

  /** Whether it asks about a whole original message rather than one payment of it. */
  public boolean isMessageLevel() {
    return originalInstructionId == null && originalEndToEndId == null
        && originalTransactionId == null && originalUetr == null;
  }
}
