package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A bank's statements for a business day: a closed day's final ones, or the running day's so far.
 * A null date asks for the running period (since the last close). Answered with an
 * {@link AccountStatementsView}; a day never run, or closed longer ago than the statements are kept,
 * is refused with an {@link IllegalArgumentException}.
 */
public record FindAccountStatementsQuery(Bic bic, LocalDate businessDate) {
    public FindAccountStatementsQuery {
        Objects.requireNonNull(bic, "bic");
    }
}
