package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The reverse of {@link PledgeLiquidityCommand}: the participant's ledger cash of {@code amount} goes
 * back to the central bank, which credits its reserve account. Its liquidity account must have the
 * amount available; otherwise the transfer fails with AM04 and nothing moves. Keyed by
 * {@code transferId}: the same id again is a harmless repeat.
 */
public record RedeemLiquidityCommand(@TargetAggregateIdentifier String transferId, Bic participant, Money amount) {
}
