package io.clearline.adapters.outbound;

import io.clearline.core.statement.api.AccountStatement;
import io.clearline.core.statement.api.StatementEntry;
import io.clearline.iso20022.AccountActivity;
import java.time.LocalDate;

/** A core statement as the ISO 20022 writer takes it, for camt.052 and camt.053 alike. */
public final class StatementActivities {
    /** The longest reference a statement entry carries (EndToEndId, Max35Text). */
    private static final int REFERENCE_LENGTH_MAX = 35;

    private StatementActivities() {
    }

    public static AccountActivity activity(AccountStatement statement, LocalDate businessDate) {
        return new AccountActivity(statement.owner().value(), statement.currency(), businessDate,
                statement.openingMinorUnits(), statement.closingMinorUnits(),
                statement.entries().stream().map(StatementActivities::entry).toList());
    }

    private static AccountActivity.Entry entry(StatementEntry entry) {
        boolean payment = entry.kind() == StatementEntry.EntryKind.PAYMENT;
        // A payment is named by its UETR and the payer's end-to-end id; a liquidity transfer by its id,
        // when that fits the field: the ledger transaction id, written in full, names every entry anyway.
        String endToEndId = payment ? entry.endToEndId()
                : entry.reference().length() <= REFERENCE_LENGTH_MAX ? entry.reference() : null;
        return new AccountActivity.Entry(entry.amount().minorUnits(),
                entry.credit() ? AccountActivity.Direction.CREDIT : AccountActivity.Direction.DEBIT,
                entry.bookedAt(), endToEndId, payment ? entry.reference() : null, entry.ledgerTransactionId(),
                entry.counterparty() == null ? null : entry.counterparty().value());
    }
}
