package io.clearline.iso20022;

import java.util.List;
import java.util.Objects;

/**
 * What a camt.029 resolution of investigation tells a bank about its camt.056 cancellation
 * request: for each payment it asked to cancel, cancelled or refused, and why.
 *
 * <p>Build it with {@link #refusingAll} or the constructor. The constructor checks the schema
 * limits; a field out of bounds is a caller bug and fails with {@link IllegalArgumentException}
 * (or {@link NullPointerException} for a missing field).
 *
 * @param recipientBic the bank that asked (AppHdr To, and the case creator)
 * @param caseId the case resolved (RslvdCase/Id): the request's Case/Id, else its Assgnmt/Id
 * @param outcomes one per payment of the request, in its order, never empty
 */
public record CancellationResolution(
    String recipientBic,
    String caseId,
    List<Outcome> outcomes) {

  /** Per payment (TxCxlSts, CancellationIndividualStatus1Code). */
  public enum Status {
    /** ACCR, AcceptedCancellationRequest: the payment is cancelled. */
    CANCELLED("ACCR"),
    /** RJCR, RejectedCancellationRequest: the payment was not cancelled. */
    REFUSED("RJCR"),
    /**
     * PDCR, PendingCancellationRequest: the payment had settled, so the request went on to its payee,
     * who may return it (pacs.004) or refuse.
     */
    PENDING("PDCR");

    private final String isoCode;

    Status(String isoCode) {
      this.isoCode = isoCode;
    }

    public String isoCode() {
      return isoCode;
    }
  }

  /**
   * The answer about one payment.
   *
   * @param request the payment as the camt.056 named it; its references are quoted back
   * @param status cancelled or refused
   * @param reasonCode ExternalPaymentCancellationRejection1Code (e.g. AGNT, LEGL, ARDT), 1 to 4
   *     characters; required when refused, else null
   * @param explanation sent as additional information; may be null
   */
  public record Outcome(
      CancellationRequest request, Status status, String reasonCode, String explanation) {

    public Outcome {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(status, "status");
      if (status == Status.REFUSED && reasonCode == null) {
        throw new IllegalArgumentException("a refusal needs a reasonCode");
      }
      if (reasonCode != null && (reasonCode.isBlank()
          || reasonCode.length() > TransactionChecks.EXTERNAL_CODE_LENGTH_MAX)) {
        throw new IllegalArgumentException("reasonCode is not an external code: " + reasonCode);
      }
    }
  }

  public CancellationResolution {
    Identifiers.requireBic(recipientBic, "recipientBic");
    Identifiers.requireReference(caseId, "caseId");
    outcomes = List.copyOf(outcomes);
    if (outcomes.isEmpty()) {
      throw new IllegalArgumentException("a resolution answers at least one payment");
    }
  }

  /** Every payment of the request refused for the same reason; nothing was cancelled. */
  public static CancellationResolution refusingAll(CancellationRequestMessage request,
      String reasonCode, String explanation) {
    String caseId = request.transactions().getFirst().caseId();
    return new CancellationResolution(request.assignerAgentBic(),
        caseId != null ? caseId : request.assignmentId(),
        request.transactions().stream()
            .map(payment -> new Outcome(payment, Status.REFUSED, reasonCode, explanation))
            .toList());
  }

  /**
   * The investigation's overall confirmation (Sts/Conf, ExternalInvestigationExecutionConfirmation1Code):
   * CNCL when every payment was cancelled; when none was, PDCR if any request went on to a payee,
   * else RJCR; PECR (partially executed) otherwise.
   */
  public String confirmation() {
    long cancelled = outcomes.stream().filter(outcome -> outcome.status() == Status.CANCELLED)
        .count();
    if (cancelled == outcomes.size()) {
      return "CNCL";
    }
    if (cancelled > 0) {
      return "PECR";
    }
    return outcomes.stream().anyMatch(outcome -> outcome.status() == Status.PENDING) ? "PDCR" : "RJCR";
  }
}
