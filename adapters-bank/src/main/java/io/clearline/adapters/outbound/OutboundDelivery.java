package io.clearline.adapters.outbound;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Hands a message to a bank: it is stored in the bank's outbox (what {@code GET
 * /api/iso20022/outbox/{bic}} reads) and then sent on the bank's delivery channel: its outbox folder
 * (the default), its AMQP queue or its webhook. The store decides whether the message is new, so a
 * replayed event never delivers twice.
 *
 * <p>Queue and webhook deliveries wait in a bounded in-memory backlog, so a bank whose webhook is slow
 * or down never holds up settlement; what cannot be delivered after the retries, or does not fit in
 * the backlog, goes to the dead letter channel. The store records each message's delivery, so what a
 * node stopped before delivering is pushed again at the next start ({@link #resumePending}); a bank may
 * then receive a message twice, and recognises it by its key.
 */
public class OutboundDelivery {
    /** The Camel endpoint that writes one outbound message to its recipient's folder. */
    public static final String FILE_DELIVERY_ENDPOINT = "direct:outbox-file";
    /** The most queue or webhook deliveries waiting (per channel) before new ones go to the dead letter channel. */
    public static final int DELIVERY_BACKLOG_MAX = 10_000;
    /** The Camel endpoint whose route posts one outbound message to its recipient's webhook. */
    public static final String WEBHOOK_DELIVERY_ENDPOINT = "seda:outbox-webhook?size=" + DELIVERY_BACKLOG_MAX;
    /** The Camel endpoint whose route publishes one outbound message to its recipient's AMQP queue. */
    public static final String QUEUE_DELIVERY_ENDPOINT = "seda:outbox-queue?size=" + DELIVERY_BACKLOG_MAX;
    /** Keeps an outbound message, as it was produced, that could not be delivered. */
    public static final String DEAD_LETTER_ENDPOINT = "direct:outbox-dead-letter";
    public static final String RECIPIENT_HEADER = "ClearlineRecipientBic";
    /** Where a channel's route reports that the bank took a message; the exchange carries {@link #SEQUENCE_PROPERTY}. */
    public static final String DELIVERED_ENDPOINT = "direct:outbox-delivered";
    /** Where the dead letter channel reports that it keeps a message instead. */
    public static final String DEAD_LETTERED_ENDPOINT = "direct:outbox-dead-lettered";
    public static final String SEQUENCE_PROPERTY = "ClearlineOutboxSequence";
    /** Undelivered messages pushed again at one start: half the backlog, so new answers still fit beside them. */
    public static final int RESUMED_PER_START_MAX = DELIVERY_BACKLOG_MAX / 2;

    private final OutboxStore outbox;
    private final ProducerTemplate producer;
    private final BankDeliveries deliveries;

    public OutboundDelivery(OutboxStore outbox, ProducerTemplate producer, BankDeliveries deliveries) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    /** @return the stored message, or empty when a message with this key had already been delivered */
    public Optional<OutboundMessage> deliver(String recipientBic, String messageType, String messageKey, String xml) {
        Optional<OutboundMessage> added = outbox.add(recipientBic, messageType, messageKey, xml);
        added.ifPresent(this::send);
        return added;
    }

    /**
     * Pushes again, oldest first, the messages stored but never taken by their bank's channel: a node
     * that stopped with deliveries in its backlog, or between storing a message and handing it over.
     *
     * @return how many were pushed; at most {@link #RESUMED_PER_START_MAX}, the rest wait for the next start
     */
    public int resumePending() {
        int resumed = 0;
        long after = 0;
        while (resumed < RESUMED_PER_START_MAX) {
            List<OutboundMessage> pending = outbox.pendingDeliveries(after,
                    Math.min(OutboxStore.PAGE_SIZE_MAX, RESUMED_PER_START_MAX - resumed));
            if (pending.isEmpty()) {
                break;
            }
            pending.forEach(this::send);
            resumed += pending.size();
            // By sequence, not by state: queue and webhook deliveries stay pending until their route completes.
            after = pending.getLast().sequence();
        }
        return resumed;
    }

    private void send(OutboundMessage message) {
        String endpoint = switch (deliveries.of(message.recipientBic()).channel()) {
            case FOLDER -> FILE_DELIVERY_ENDPOINT;
            case QUEUE -> QUEUE_DELIVERY_ENDPOINT;
            case WEBHOOK -> WEBHOOK_DELIVERY_ENDPOINT;
        };
        if (endpoint.equals(FILE_DELIVERY_ENDPOINT)) {
            producer.sendBodyAndHeader(endpoint, message, RECIPIENT_HEADER, message.recipientBic());
            outbox.markDelivered(message.sequence());
            return;
        }
        Exchange queued = producer.send(endpoint, exchange -> {
            exchange.getIn().setBody(message);
            exchange.getIn().setHeader(RECIPIENT_HEADER, message.recipientBic());
        });
        if (queued.getException() != null) {
            // The backlog is full: the message is stored already, so keep it where an operator sees it rather than
            // fail the settlement event that produced it.
            producer.send(DEAD_LETTER_ENDPOINT, exchange -> {
                exchange.getIn().setBody(message);
                exchange.getIn().setHeader(RECIPIENT_HEADER, message.recipientBic());
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, queued.getException());
                exchange.setProperty(Exchange.FAILURE_ENDPOINT, endpoint);
            });
        }
    }
}
