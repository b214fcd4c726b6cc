package io.clearline.adapters.outbound;

import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.iso20022.CreditTransfer;
import io.clearline.iso20022.CreditTransferMessage;
import io.clearline.iso20022.Rejection;
import io.clearline.iso20022.StatusReport;

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

    public static StatusReport duplicate(String recipientBic, CreditTransferMessage message, CreditTransfer transfer) {
        return StatusReport.rejectedTransaction(recipientBic, message, transfer, "AM05",
                "UETR " + transfer.uetr() + " belongs to another payment with different content; this one is"
                        + " refused and the first is unchanged");
    }

    public static StatusReport refused(String recipientBic, Rejection rejection) {
        return StatusReport.rejectedMessage(recipientBic, rejection);
    }

    public static StatusReport refused(String recipientBic, String reasonCode, String explanation) {
        return StatusReport.rejectedMessage(recipientBic, new Rejection(reasonCode, explanation, null, null));
    }
}
