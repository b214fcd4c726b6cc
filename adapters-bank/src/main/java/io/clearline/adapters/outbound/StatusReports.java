package io.clearline.adapters.outbound;

import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentHistoryEntry;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.payment.api.PaymentWarehousedEvent;
import io.clearline.iso20022.Rejection;
import io.clearline.iso20022.StatusReport;
import io.clearline.iso20022.StatusRequest;
import java.time.Instant;

/** The pacs.002 contents for each thing the core or a channel decides about a payment. */
public final class StatusReports {
    private StatusReports() {
    }

    public static StatusReport settled(PaymentSettledEvent event) {
        return new StatusReport(event.payer().value(), StatusReport.Status.SETTLED,
                event.references().messageId(), event.references().messageDefinition(),
                event.references().endToEndId(), event.uetr().value(), event.references().instructionId(),
                event.settledAt(), null, null);
    }

    public static StatusReport rejected(PaymentRejectedEvent event) {
        return new StatusReport(event.payer().value(), StatusReport.Status.REJECTED,
                event.references().messageId(), event.references().messageDefinition(),
                event.references().endToEndId(), event.uetr().value(), event.references().instructionId(),
                null, event.reason().code().name(), event.reason().explanation());
    }

    public static StatusReport cancelled(PaymentCancelledEvent event) {
        return new StatusReport(event.payer().value(), StatusReport.Status.REJECTED,
                event.references().messageId(), event.references().messageDefinition(),
                event.references().endToEndId(), event.uetr().value(), event.references().instructionId(),
                null, event.reason().code().name(), event.reason().explanation());
    }

    /** PDNG with the reason the business day did not take it: the payment waits for the next day, not refused. */
    public static StatusReport warehoused(PaymentWarehousedEvent event) {
        return new StatusReport(event.payer().value(), StatusReport.Status.PENDING,
                event.references().messageId(), event.references().messageDefinition(),
                event.references().endToEndId(), event.uetr().value(), event.references().instructionId(),
                null, event.reason().code().name(), event.reason().explanation());
    }

    public static StatusReport refused(String recipientBic, Rejection rejection) {
        return StatusReport.rejectedMessage(recipientBic, rejection);
    }

    public static StatusReport refused(String recipientBic, String reasonCode, String explanation) {
        return StatusReport.rejectedMessage(recipientBic, new Rejection(reasonCode, explanation, null, null));
    }

    /**
     * The current status of a payment a bank asked about in a pacs.028, quoting the references it asked
     * by. The caller has checked that the bank is the payment's payer or payee.
     */
    public static StatusReport current(String recipientBic, StatusRequest request, PaymentView payment) {
        return switch (payment.status()) {
            case RECEIVED -> answer(recipientBic, request, StatusReport.Status.ACCEPTED, null, null, null);
            // Waiting in its payer's queue, or warehoused for the next business day: pending, with why.
            case QUEUED, WAREHOUSED -> answer(recipientBic, request, StatusReport.Status.PENDING, null,
                    payment.reason() == null ? null : payment.reason().code().name(),
                    payment.reason() == null ? payment.status().name().toLowerCase(java.util.Locale.ROOT)
                            : payment.reason().explanation());
            case SETTLING -> answer(recipientBic, request, StatusReport.Status.SETTLEMENT_IN_PROCESS, null, null,
                    null);
            case SETTLED -> answer(recipientBic, request, StatusReport.Status.SETTLED, settledAt(payment), null,
                    null);
            // It settled; that its payee later returned it is another payment, which has its own status.
            case RETURNED -> answer(recipientBic, request, StatusReport.Status.SETTLED, settledAt(payment), null,
                    "settled, then returned in full by its payee");
            // As the payer was told when it happened: a cancelled payment was reported RJCT with its reason.
            case REJECTED, CANCELLED -> answer(recipientBic, request, StatusReport.Status.REJECTED, null,
                    payment.reason() == null ? "NARR" : payment.reason().code().name(),
                    payment.reason() == null ? payment.status().name().toLowerCase() : payment.reason().explanation());
        };
    }

    /**
     * A payment the bank asked about that this node does not know as one the bank pays or receives. The same
     * answer whether it does not exist or belongs to others, so that nobody learns of other banks' payments.
     */
    public static StatusReport unknown(String recipientBic, StatusRequest request) {
        return answer(recipientBic, request, StatusReport.Status.REJECTED, null, "AG09",
                "No payment with UETR " + request.originalUetr() + " sent or received by " + recipientBic
                        + " is known here");
    }

    /** A question without a UETR: every payment here is keyed by its UETR, so it cannot be looked up. */
    public static StatusReport notLookedUp(String recipientBic, StatusRequest request) {
        return answer(recipientBic, request, StatusReport.Status.REJECTED, null, "NARR",
                "This node finds payments by UETR only; ask again with OrgnlUETR");
    }

    private static StatusReport answer(String recipientBic, StatusRequest request, StatusReport.Status status,
                                       Instant settledAt, String reasonCode, String explanation) {
        return new StatusReport(recipientBic, status, request.originalMessageId(),
                request.originalMessageDefinition(), request.originalEndToEndId(), request.originalUetr(),
                request.originalInstructionId(), settledAt, reasonCode, explanation);
    }

    /** When the ledger settled it, as the read side recorded it. */
    private static Instant settledAt(PaymentView payment) {
        return payment.history().stream()
                .filter(entry -> entry.status() == PaymentStatus.SETTLED)
                .map(PaymentHistoryEntry::at)
                // The first: later entries at SETTLED note returns, not the settlement.
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("payment " + payment.uetr()
                        + " is SETTLED without a SETTLED history entry"));
    }
}
