package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hold {@code amount} of the account's available liquidity for the redemption {@code transferId}, so
 * payments cannot spend it while the ledger redeems the cash. Answered by {@link RedemptionReservedEvent},
 * or by {@link RedemptionReservationRefusedEvent} (AM04) when available liquidity does not cover it. A
 * redemption never queues. The same transfer id again changes nothing.
 */
public record ReserveRedemptionCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, String transferId, Money amount) {
}
