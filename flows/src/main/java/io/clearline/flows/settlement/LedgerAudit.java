package io.clearline.flows.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The regulator's running audit of everything it recorded ({@code GET /api/audit}). Amounts are
 * minor units per ISO 4217 currency code; {@code issuedByCurrency} is issued − redeemed, which is what
 * must be in circulation. {@code transactionsVerified} counts transactions that
 * passed every check; {@code paymentsRecorded} counts payment transactions recorded, verified or not.
 * {@code failures} lists at most {@link RegulatorAudit#FAILURES_LISTED_MAX}, oldest first (page
 * through the rest with {@link ClearlineLedger#auditFailures}). {@code clean}: no failure at all, and
 * cash in circulation equals cash issued in every currency.
 */
public record LedgerAudit(
        Instant asOf,
        long transactionsVerified,
        long paymentsRecorded,
        Map<String, Long> issuedByCurrency,
        Map<String, Long> inCirculationByCurrency,
        List<AuditFailure> failures,
        boolean clean) {

    public LedgerAudit {
        Objects.requireNonNull(asOf, "asOf");
        issuedByCurrency = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(issuedByCurrency));
        inCirculationByCurrency = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(inCirculationByCurrency));
        failures = List.copyOf(failures);
    }
}
