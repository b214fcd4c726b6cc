package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 added {@code priority}. A revision-1 payload has no priority and reads as
 * {@link PaymentPriority#NORMAL}, the only priority there was, so no upcaster is needed.
 */
@Revision("2")
public record PaymentReceivedEvent(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references, String contentDigest,
        Instant receivedAt, PaymentPriority priority) {

    public PaymentReceivedEvent {
        priority = priority == null ? PaymentPriority.NORMAL : priority;
    }

    public PaymentReceivedEvent(Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references,
                                String contentDigest, Instant receivedAt) {
        this(uetr, payer, payee, amount, references, contentDigest, receivedAt, PaymentPriority.NORMAL);
    }
}
