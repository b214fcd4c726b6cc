package io.clearline.adapters.outbound;

import io.clearline.adapters.channel.LiquidityTransferIds;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.iso20022.CreditNotification;
import io.clearline.iso20022.Iso20022Writer;
import io.clearline.iso20022.Receipt;
import io.clearline.iso20022.StatusReport;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the core's decisions into the ISO 20022 messages the banks expect: a pacs.002 to the payer
 * for every settled, rejected or cancelled payment; to the payee, once it settled, the pacs.008
 * forwarded and a camt.054 credit notification for its settlement account.
 * Safe to run again over the same events: every message has a key the outbox keeps once.
 */
@ProcessingGroup(OutboundMessageHandler.PROCESSING_GROUP)
public class OutboundMessageHandler {
    public static final String PROCESSING_GROUP = "outbound-messages";
    static final String STATUS_REPORT_TYPE = "pacs.002.001.10";
    static final String CREDIT_TRANSFER_TYPE = "pacs.008.001.08";
    static final String RETURN_TYPE = "pacs.004";
    static final String FI_TRANSFER_TYPE = "pacs.009";
    static final String CREDIT_NOTIFICATION_TYPE = "camt.054.001.08";
    static final String RECEIPT_TYPE = "camt.025.001.05";
    private static final Logger log = LoggerFactory.getLogger(OutboundMessageHandler.class);

    private final OutboundDelivery delivery;
    private final Iso20022Writer writer;
    private final InboundMessageStore originals;
    private final ZoneId businessZone;

    /** @param businessZone the zone whose calendar date is the business day (the credit's value date) */
    public OutboundMessageHandler(OutboundDelivery delivery, Iso20022Writer writer, InboundMessageStore originals,
                                  ZoneId businessZone) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.originals = Objects.requireNonNull(originals, "originals");
        this.businessZone = Objects.requireNonNull(businessZone, "businessZone");
    }

    @EventHandler
    void on(PaymentSettledEvent event) {
        String uetr = event.uetr().value();
        StatusReport settled = StatusReports.settled(event);
        delivery.deliver(event.payer().value(), STATUS_REPORT_TYPE, "pacs.002:" + uetr,
                writer.paymentStatusReport(settled));
        originals.original(uetr).ifPresentOrElse(
                original -> forward(original, uetr, event.payee().value()),
                () -> log.error("Payment {} settled but its original instruction is missing: payee {} is not sent it",
                        uetr, event.payee()));
        delivery.deliver(event.payee().value(), CREDIT_NOTIFICATION_TYPE, "camt.054:" + uetr,
                writer.creditNotification(creditNotification(event)));
    }

    /**
     * A return goes on as the pacs.004 it came as, an FI transfer as its pacs.009, a customer payment as a pacs.008,
     * each cut down to this payment's transaction: the message may hold other payees' payments too.
     */
    private void forward(byte[] original, String uetr, String payee) {
        if (writer.isReturn(original)) {
            delivery.deliver(payee, RETURN_TYPE, "pacs.004:" + uetr, writer.forwardReturn(original, uetr, payee));
        } else if (writer.isFinancialInstitutionTransfer(original)) {
            delivery.deliver(payee, FI_TRANSFER_TYPE, "pacs.009:" + uetr,
                    writer.forwardFinancialInstitutionTransfer(original, uetr, payee));
        } else {
            delivery.deliver(payee, CREDIT_TRANSFER_TYPE, "pacs.008:" + uetr,
                    writer.forwardCreditTransfer(original, uetr, payee));
        }
    }

    private CreditNotification creditNotification(PaymentSettledEvent event) {
        return new CreditNotification(event.payee().value(), event.payer().value(), event.amount().minorUnits(),
                event.amount().currency(), event.uetr().value(), event.references().endToEndId(),
                event.references().instructionId(), event.references().messageId(), event.settledAt(),
                LocalDate.ofInstant(event.settledAt(), businessZone), event.ledgerTransactionId());
    }

    /** A payment cancelled while queued is answered like a rejection: it will not settle. */
    @EventHandler
    void on(PaymentCancelledEvent event) {
        String uetr = event.uetr().value();
        delivery.deliver(event.payer().value(), STATUS_REPORT_TYPE, "pacs.002:" + uetr,
                writer.paymentStatusReport(StatusReports.cancelled(event)));
    }

    /** A pledge a bank asked for with a camt.050 is answered with a camt.025 once the cash is issued. */
    @EventHandler
    void on(LiquidityPledgedEvent event) {
        String bic = event.participant().value();
        LiquidityTransferIds.messageIdOf(event.transferId(), bic).ifPresent(messageId -> delivery.deliver(bic,
                RECEIPT_TYPE, "camt.025:" + event.transferId(), writer.liquidityTransferReceipt(new Receipt(bic,
                        messageId, Receipt.Status.COMPLETED, "ledger cash issued in transaction "
                        + event.ledgerTransactionId()))));
    }

    @EventHandler
    void on(PaymentRejectedEvent event) {
        String uetr = event.uetr().value();
        delivery.deliver(event.payer().value(), STATUS_REPORT_TYPE, "pacs.002:" + uetr,
                writer.paymentStatusReport(StatusReports.rejected(event)));
    }
}
