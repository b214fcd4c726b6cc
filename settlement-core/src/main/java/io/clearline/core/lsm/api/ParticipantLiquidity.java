package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Bic;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One participant's liquidity in the currency of a {@link GridlockInput}, from the snapshot the
 * resolver works on.
 *
 * <p>Limits cap the net outflow of NORMAL payments (normal payments sent minus normal payments
 * received, in the settled set): {@code bilateralLimitsMinorUnits} towards one counterparty each,
 * {@code multilateralLimitMinorUnits} towards all participants together. A counterparty without an
 * entry, or an empty multilateral limit, is unlimited. Urgent and high payments ignore limits.
 *
 * @param balanceMinorUnits the available balance (not reserved for payments in flight), never negative
 */
public record ParticipantLiquidity(
        Bic bic,
        long balanceMinorUnits,
        Map<Bic, Long> bilateralLimitsMinorUnits,
        OptionalLong multilateralLimitMinorUnits) {

    public ParticipantLiquidity {
        Objects.requireNonNull(bic, "bic");
        Objects.requireNonNull(bilateralLimitsMinorUnits, "bilateralLimitsMinorUnits");
        Objects.requireNonNull(multilateralLimitMinorUnits, "multilateralLimitMinorUnits");
        if (balanceMinorUnits < 0) {
            throw new IllegalArgumentException("a balance is never negative: " + bic + " has " + balanceMinorUnits);
        }
        bilateralLimitsMinorUnits = Map.copyOf(bilateralLimitsMinorUnits);
        bilateralLimitsMinorUnits.forEach((counterparty, limit) -> {
            if (counterparty.equals(bic)) {
                throw new IllegalArgumentException("a bilateral limit is towards another participant: " + bic);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("a limit is never negative: " + bic + " towards " + counterparty
                        + " is " + limit);
            }
        });
        if (multilateralLimitMinorUnits.isPresent() && multilateralLimitMinorUnits.getAsLong() < 0) {
            throw new IllegalArgumentException("a limit is never negative: " + bic + " multilateral is "
                    + multilateralLimitMinorUnits.getAsLong());
        }
    }

    /** A participant without limits. */
    public static ParticipantLiquidity unlimited(Bic bic, long balanceMinorUnits) {
        return new ParticipantLiquidity(bic, balanceMinorUnits, Map.of(), OptionalLong.empty());
    }
}
