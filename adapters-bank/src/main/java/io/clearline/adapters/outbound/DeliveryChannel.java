package io.clearline.adapters.outbound;

/** How Clearline hands a bank the messages it owes it; every message is also kept in the outbox store. */
public enum DeliveryChannel {
    /** Written to {@code <data>/banks/<BIC>/outbox}, one file per message: the default. */
    FOLDER,
    /** Published to the bank's AMQP queue {@code clearline.<BIC>.out}. */
    QUEUE,
    /** Posted to the bank's webhook URL, retried with exponential backoff. */
    WEBHOOK
}
