package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Move the queued payment {@code uetr} to {@code priority}, keeping its arrival time: inside its new
 * priority it stands where its arrival puts it, as if it had been sent with that priority. The same
 * priority again changes nothing; a payment not in the queue fails with {@link IllegalStateException}.
 * Who may choose URGENT (the central bank only) is decided by the caller, not here.
 */
public record ReprioritiseQueuedPaymentCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr,
                                               PaymentPriority priority) {
    public ReprioritiseQueuedPaymentCommand {
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(priority, "priority");
    }
}
