package io.clearline.adapters.outbound;

import io.clearline.core.payment.api.PaymentWarehousedEvent;
import io.clearline.iso20022.Iso20022Writer;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Tells the payer, by a pacs.002 PDNG with the reason (TM01), that its payment came after the cut-off and
 * waits, warehoused, for the next business day instead of being refused. The final pacs.002 (ACSC, or RJCT
 * if it is cancelled or refused later) follows under its own key, so the outbox keeps both. The key holds
 * when the payment was warehoused: a payment warehoused again on a later day is told again, while running
 * again over the same event delivers nothing twice.
 */
@ProcessingGroup(OutboundMessageHandler.PROCESSING_GROUP)
public class WarehousedPaymentNotices {
    /** Apart from the final status report's key, which the outbox keeps once per payment. */
    static final String PENDING_KEY_PREFIX = "pacs.002.pdng:";

    private final OutboundDelivery delivery;
    private final Iso20022Writer writer;

    public WarehousedPaymentNotices(OutboundDelivery delivery, Iso20022Writer writer) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @EventHandler
    void on(PaymentWarehousedEvent event) {
        delivery.deliver(event.payer().value(), OutboundMessageHandler.STATUS_REPORT_TYPE,
                PENDING_KEY_PREFIX + event.uetr().value() + ":" + event.warehousedAt().toEpochMilli(),
                writer.paymentStatusReport(StatusReports.warehoused(event)));
    }
}
