package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payee of the settled payment {@code originalUetr} returns {@code amount} of it (pacs.004): a new
 * payment {@code returnUetr} from the payee back to the payer, linked to the original. Answered with
 * ACCEPTED, REPEATED (the same return again) or DUPLICATE (the return UETR reused for other content).
 * Fails with {@link IllegalStateException} when the payment is not settled, and with
 * {@link IllegalArgumentException} when {@code returner} is not its payee or the amount exceeds what
 * is left to return.
 *
 * @param returnReason the ISO external return reason code, with its explanation if any
 */
public record ReturnPaymentCommand(@TargetAggregateIdentifier Uetr originalUetr, Uetr returnUetr, Bic returner,
                                   Money amount, String returnReason, PaymentReferences references,
                                   String contentDigest) {
    public ReturnPaymentCommand {
        Objects.requireNonNull(originalUetr, "originalUetr");
        Objects.requireNonNull(returnUetr, "returnUetr");
        Objects.requireNonNull(returner, "returner");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(returnReason, "returnReason");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(contentDigest, "contentDigest");
    }
}
