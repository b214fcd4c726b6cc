package io.clearline.iso20022;

import java.util.Objects;

/**
 * One payment a bank asks to have cancelled (camt.056 Undrlyg/TxInf).
 *
 * @param cancellationId CxlId, or null
 * @param caseId Case/Id of the transaction, else of the message, or null
 * @param originalMessageId OrgnlGrpInf/OrgnlMsgId, or null
 * @param originalMessageDefinition OrgnlGrpInf/OrgnlMsgNmId, or null
 * @param originalInstructionId OrgnlInstrId, or null
 * @param originalEndToEndId OrgnlEndToEndId, or null
 * @param originalUetr OrgnlUETR in lower case: the payment to cancel, as Clearline keys payments
 * @param reasonCode CxlRsnInf/Rsn/Cd (ExternalCancellationReason1Code, e.g. DUPL, AM09), else the
 *     proprietary Rsn/Prtry
 */
public record CancellationRequest(
    String cancellationId,
    String caseId,
    String originalMessageId,
    String originalMessageDefinition,
    String originalInstructionId,
    String originalEndToEndId,
    String originalUetr,
    String reasonCode) {

  public CancellationRequest {
    if (!Identifiers.isUetr(originalUetr)) {
      throw new IllegalArgumentException("not a lower-case version 4 UETR: " + originalUetr);
    }
    Objects.requireNonNull(reasonCode, "reasonCode");
  }
}
