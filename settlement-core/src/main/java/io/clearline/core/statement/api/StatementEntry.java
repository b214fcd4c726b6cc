package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One booking on a bank's settlement account, as its statement lists it.
 *
 * @param bookedAt when it settled on the ledger
 * @param amount what moved, always above zero; {@code credit} says which way
 * @param credit true when the account received the amount, false when it paid it
 * @param kind what moved it
 * @param counterparty the other bank of a payment, or null for a liquidity transfer with the central bank
 * @param reference the payment's UETR, or the liquidity transfer's id
 * @param endToEndId the payer's end-to-end id of a payment, or null
 * @param ledgerTransactionId the ledger transaction that moved the money
 */
public record StatementEntry(Instant bookedAt, Money amount, boolean credit, EntryKind kind, Bic counterparty,
                             String reference, String endToEndId, String ledgerTransactionId) {

    /** What moved money on a settlement account. */
    public enum EntryKind {
        /** A payment settled gross or in a gridlock run. */
        PAYMENT,
        /** Reserves pledged at the central bank and issued as ledger cash. */
        LIQUIDITY_PLEDGE,
        /** Ledger cash redeemed back into reserves at the central bank. */
        LIQUIDITY_REDEMPTION
    }

    public StatementEntry {
        Objects.requireNonNull(bookedAt, "bookedAt");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        if (amount.isZero()) {
            throw new IllegalArgumentException("a statement entry moves money: " + reference + " moved none");
        }
    }

    /** The entry's effect on the balance, in signed minor units. */
    public long signedMinorUnits() {
        return credit ? amount.minorUnits() : Math.negateExact(amount.minorUnits());
    }
}
