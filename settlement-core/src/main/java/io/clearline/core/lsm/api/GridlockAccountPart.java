package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Bic;
import java.util.List;
import java.util.Objects;

/**
 * What a gridlock run reserves on one participant's account: the payments it sends ({@code outgoing})
 * and the ones it receives ({@code incoming}), as that account sees them.
 */
public record GridlockAccountPart(Bic bic, List<GridlockLeg> outgoing, List<GridlockLeg> incoming) {
    public GridlockAccountPart {
        Objects.requireNonNull(bic, "bic");
        outgoing = List.copyOf(outgoing);
        incoming = List.copyOf(incoming);
        if (outgoing.isEmpty() && incoming.isEmpty()) {
            throw new IllegalArgumentException("the part of " + bic + " has no payment");
        }
    }
}
