package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Settle a payment from {@code payer} to {@code payee}. Keyed by UETR: the same UETR with the same
 * {@code contentDigest} again is a harmless repeat ({@link SubmitPaymentOutcome#REPEATED}); the same
 * UETR with another digest is refused as a duplicate ({@link SubmitPaymentOutcome#DUPLICATE}) and
 * changes nothing. The digest is the adapter's hash of the business content of the instruction.
 *
 * <p>{@code priority} places the payment in the payer's queue when it cannot settle at once;
 * without one (the six-argument constructor, or a command serialized before priorities existed)
 * it is {@link PaymentPriority#NORMAL}.
 */
public record SubmitPaymentCommand(
        @TargetAggregateIdentifier Uetr uetr,
        Bic payer,
        Bic payee,
        Money amount,
        PaymentReferences references,
        String contentDigest,
        PaymentPriority priority) {

    public SubmitPaymentCommand {
        priority = priority == null ? PaymentPriority.NORMAL : priority;
    }

    /** A {@link PaymentPriority#NORMAL} payment, the priority of every customer and interbank payment by default. */
    public SubmitPaymentCommand(Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references,
                                String contentDigest) {
        this(uetr, payer, payee, amount, references, contentDigest, PaymentPriority.NORMAL);
    }
}
