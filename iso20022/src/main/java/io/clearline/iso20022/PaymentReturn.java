package io.clearline.iso20022;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One validated payment return (pacs.004 TxInf): the instructing agent sends back, in a new
 * movement of its own money, all or part of a payment it received.
 *
 * @param returnId RtrId, or null (CBPR+ samples leave it out; the original UETR then identifies
 *     the return)
 * @param originalMessageId OrgnlGrpInf/OrgnlMsgId, or null
 * @param originalMessageDefinition OrgnlGrpInf/OrgnlMsgNmId, or null
 * @param originalInstructionId OrgnlInstrId, or null
 * @param originalEndToEndId OrgnlEndToEndId, or null
 * @param originalUetr OrgnlUETR in lower case: the payment being returned
 * @param instructingAgentBic transaction-level InstgAgt, else the group header's: the returning
 *     bank, whose money moves
 * @param instructedAgentBic transaction-level InstdAgt, else the group header's
 * @param returnedAmountMinorUnits RtrdIntrBkSttlmAmt in the currency's minor units, above zero
 * @param currency ISO 4217 code of RtrdIntrBkSttlmAmt
 * @param interbankSettlementDate IntrBkSttlmDt of the transaction, else of the group header
 * @param returnReasonCode RtrRsnInf/Rsn/Cd (ExternalReturnReason1Code, e.g. AC04), else Rsn/Prtry
 */
public record PaymentReturn(
    String returnId,
    String originalMessageId,
    String originalMessageDefinition,
    String originalInstructionId,
    String originalEndToEndId,
    String originalUetr,
    String instructingAgentBic,
    String instructedAgentBic,
    long returnedAmountMinorUnits,
    String currency,
    LocalDate interbankSettlementDate,
    String returnReasonCode) {

  public PaymentReturn {
    if (!Identifiers.isUetr(originalUetr)) {
      throw new IllegalArgumentException("not a lower-case version 4 UETR: " + originalUetr);
    }
    Objects.requireNonNull(instructingAgentBic, "instructingAgentBic");
    Objects.requireNonNull(instructedAgentBic, "instructedAgentBic");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(interbankSettlementDate, "interbankSettlementDate");
    Objects.requireNonNull(returnReasonCode, "returnReasonCode");
    if (returnedAmountMinorUnits <= 0) {
      throw new IllegalArgumentException(
          "returnedAmountMinorUnits must be above zero: " + returnedAmountMinorUnits);
    }
  }
}
