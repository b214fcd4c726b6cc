package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one gridlock resolution run: the payments that settle together as one
 * multilateral transaction, and why every other queued payment stays queued.
 *
 * @param settledUetrs the payments to settle together, in policy order (priority, arrival, UETR)
 * @param endPositionsMinorUnits every participant's balance after the settled set: start balance
 *     plus settled incoming minus settled outgoing, never negative; ordered by BIC
 * @param stayQueuedReasons every queued payment not settled, with its reason, in policy order
 * @param settledValueMinorUnits the sum of the settled amounts
 */
public record GridlockResolution(
        String currency,
        ResolutionMode mode,
        ResolutionAlgorithm algorithm,
        List<Uetr> settledUetrs,
        Map<Bic, Long> endPositionsMinorUnits,
        Map<Uetr, StayQueuedReason> stayQueuedReasons,
        long settledValueMinorUnits) {

    public GridlockResolution {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(algorithm, "algorithm");
        settledUetrs = List.copyOf(settledUetrs);
        // Copied into insertion-ordered maps so the documented orders survive; equality ignores order.
        endPositionsMinorUnits = Collections.unmodifiableMap(new LinkedHashMap<>(endPositionsMinorUnits));
        stayQueuedReasons = Collections.unmodifiableMap(new LinkedHashMap<>(stayQueuedReasons));
        if (settledValueMinorUnits < 0) {
            throw new IllegalArgumentException("settled value is never negative: " + settledValueMinorUnits);
        }
    }
}
