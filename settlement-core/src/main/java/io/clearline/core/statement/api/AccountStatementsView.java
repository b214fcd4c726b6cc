package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A bank's statements, one per currency, over one business day.
 *
 * @param businessDate the day, or null for bookings since the last close while no day has opened yet
 * @param closed true once the day closed: the statement is final (camt.053); false while it runs (camt.052)
 */
public record AccountStatementsView(Bic owner, LocalDate businessDate, boolean closed,
                                    List<AccountStatement> statements) {
    public AccountStatementsView {
        Objects.requireNonNull(owner, "owner");
        statements = List.copyOf(statements);
    }
}
