package io.clearline.adapters.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The names and shapes of the banks' AMQP queues: a bank publishes to {@code clearline.<BIC>.in},
 * reads Clearline's messages from {@code clearline.<BIC>.out}, and finds what Clearline could not
 * take, exactly as it was sent, in {@code clearline.<BIC>.in.dead-letter}. All are durable and sent
 * through the broker's default exchange, so a queue's name is its routing key.
 */
public final class AmqpQueues {
    /**
     * The most messages a bank's queue holds; past it the broker refuses a publish (the publisher is told, with
     * publisher confirms) instead of dropping the oldest message.
     */
    public static final int QUEUE_LENGTH_MAX = 100_000;
    /** The most refused messages kept per bank; an operator drains them after reading why. */
    public static final int DEAD_LETTER_LENGTH_MAX = 100_000;
    private static final String DEFAULT_EXCHANGE = "";

    private AmqpQueues() {
    }

    public static String inbound(String bic) {
        return "clearline." + Objects.requireNonNull(bic, "bic") + ".in";
    }

    public static String outbound(String bic) {
        return "clearline." + Objects.requireNonNull(bic, "bic") + ".out";
    }

    public static String deadLetter(String bic) {
        return inbound(bic) + ".dead-letter";
    }

    /**
     * The queues to declare on the broker (Spring AMQP's admin declares them on every connection): inbound and
     * dead-letter queues for {@code inboundBanks}, outbound queues for {@code outboundBanks}. The inbound queue
     * names its dead-letter queue, so a message the node rejects outright still lands there.
     */
    public static Declarables declarables(Collection<String> inboundBanks, Collection<String> outboundBanks) {
        List<Declarable> queues = new ArrayList<>();
        for (String bic : inboundBanks) {
            queues.add(QueueBuilder.durable(inbound(bic)).maxLength(QUEUE_LENGTH_MAX)
                    .overflow(QueueBuilder.Overflow.rejectPublish)
                    .deadLetterExchange(DEFAULT_EXCHANGE).deadLetterRoutingKey(deadLetter(bic)).build());
            queues.add(QueueBuilder.durable(deadLetter(bic)).maxLength(DEAD_LETTER_LENGTH_MAX)
                    .overflow(QueueBuilder.Overflow.rejectPublish).build());
        }
        for (String bic : outboundBanks) {
            queues.add(QueueBuilder.durable(outbound(bic)).maxLength(QUEUE_LENGTH_MAX)
                    .overflow(QueueBuilder.Overflow.rejectPublish).build());
        }
        return new Declarables(queues);
    }
}
