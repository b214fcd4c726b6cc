package io.clearline.flows.settlement;

import io.clearline.flows.ledger.ContractViolationException;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.LedgerTransaction;
import io.clearline.flows.ledger.Page;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.ledger.RecordedTransaction;
import io.clearline.flows.ledger.SignatureException;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateResolver;
import io.clearline.flows.ledger.TransactionVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The regulator as an observer that checks what it records: signatures, contracts and its own
 * conservation rule, independently of the parties that built the transaction. A transaction that
 * fails is recorded all the same (it is final: notarised and held by its parties) and reported as a
 * failure naming the rule. Figures live in {@code ledger_audit}, one row per transaction (its
 * verdict) and one per currency it touches (its cash figures), written in the database transaction
 * that records it at the regulator: append-only, so parallel recordings never queue on a counter row.
 */
final class RegulatorAudit {
    /** Failures listed in {@link LedgerAudit} at most; page through the rest. */
    static final int FAILURES_LISTED_MAX = 100;
    static final String RULE_SIGNATURES = "Every signature is valid and every required signer signed";
    static final String RULE_NOTARISED = "The notary of the transaction signed it";
    static final String RULE_INPUTS_RECORDED = "Every input is recorded at the regulator";
    static final String RULE_CONSERVATION =
            "Cash is conserved per currency and issuer, except by issuance or by a redemption its issuer signed";
    /** The longest rule sentence kept: contract sentences are far shorter. */
    private static final int RULE_CHARS_MAX = 1_000;

    private final Jdbc jdbc;
    private final TransactionVerifier verifier;
    private final StateResolver resolver;

    /** The regulator's finding on one transaction; {@code failedRule} is null when it verified. */
    record Entry(String transactionId, String kind, String failedRule, Map<String, CashFigures> byCurrency) {
    }

    /**
     * Cash issued by one transaction (negative for a redemption: the audit's issued is issued − redeemed),
     * and how it changed cash in circulation, in one currency.
     */
    record CashFigures(long issuedMinorUnits, long circulationChangeMinorUnits) {
    }

    RegulatorAudit(Jdbc jdbc, TransactionVerifier verifier, StateResolver resolver) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.resolver = resolver;
        jdbc.createIfMissing("""
                CREATE TABLE IF NOT EXISTS ledger_audit (
                    transaction_id VARCHAR(64) NOT NULL,
                    line_number INTEGER NOT NULL,
                    kind VARCHAR(20) NOT NULL,
                    currency VARCHAR(3),
                    issued_minor_units BIGINT NOT NULL,
                    circulation_change_minor_units BIGINT NOT NULL,
                    failed_rule VARCHAR(1000),
                    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
                    PRIMARY KEY (transaction_id, line_number))""");
    }

    /**
     * Verifies a notarised transaction as the regulator: before the recording's database transaction,
     * since resolving inputs reads other transactions (on a connection of its own).
     */
    Entry verify(RecordedTransaction recorded) {
        SignedTransaction stx = recorded.transaction();
        String kind = kindOf(stx);
        try {
            verifier.verifySignatures(stx, Set.of());
        } catch (SignatureException e) {
            return new Entry(stx.id(), kind, RULE_SIGNATURES, Map.of());
        }
        if (!stx.signers().contains(stx.tx().notary().publicKey())) {
            return new Entry(stx.id(), kind, RULE_NOTARISED, Map.of());
        }
        LedgerTransaction tx;
        try {
            tx = verifier.resolve(stx, resolver);
        } catch (IllegalStateException e) {
            return new Entry(stx.id(), kind, RULE_INPUTS_RECORDED, Map.of());
        }
        Map<String, CashFigures> figures = cashFigures(tx, kind);
        boolean conserved = switch (kind) {
            case "issue" -> true;
            case "redeem" -> redemptionSignedByItsIssuer(tx);
            default -> totals(tx.inputStates(CashState.class)).equals(totals(tx.outputStates(CashState.class)));
        };
        if (!conserved) {
            return new Entry(stx.id(), kind, RULE_CONSERVATION, figures);
        }
        try {
            verifier.verifyContracts(tx);
        } catch (ContractViolationException e) {
            return new Entry(stx.id(), kind, e.rule(), figures);
        }
        return new Entry(stx.id(), kind, null, figures);
    }

    private static String kindOf(SignedTransaction stx) {
        boolean issue = stx.tx().commands().stream().anyMatch(command -> command.value() == CashCommand.ISSUE);
        boolean redeem = stx.tx().commands().stream().anyMatch(command -> command.value() == CashCommand.REDEEM);
        boolean payment = stx.tx().outputs().stream().anyMatch(output -> output.data() instanceof PaymentState);
        return issue ? "issue" : redeem ? "redeem" : payment ? "payment" : "move";
    }

    /**
     * The regulator's own reading of a redemption, apart from the contract: cash may leave circulation
     * only towards an issuer whose key signed the redeem command, never appear, and only in
     * currencies and issuers the inputs held.
     */
    private static boolean redemptionSignedByItsIssuer(LedgerTransaction tx) {
        List<PublicKey> signers = tx.commandsOfType(CashCommand.class).stream()
                .filter(command -> command.value() == CashCommand.REDEEM)
                .flatMap(command -> command.signers().stream()).toList();
        Map<CurrencyAndIssuer, Long> in = totals(tx.inputStates(CashState.class));
        Map<CurrencyAndIssuer, Long> out = totals(tx.outputStates(CashState.class));
        return in.keySet().containsAll(out.keySet()) && in.entrySet().stream().allMatch(total ->
                total.getValue() >= out.getOrDefault(total.getKey(), 0L)
                        && (total.getValue().equals(out.get(total.getKey())) || signers.contains(total.getKey().issuer())));
    }

    private record CurrencyAndIssuer(String currency, PublicKey issuer) {
    }

    private static Map<CurrencyAndIssuer, Long> totals(List<CashState> states) {
        Map<CurrencyAndIssuer, Long> totals = new HashMap<>();
        states.forEach(cash -> totals.merge(new CurrencyAndIssuer(cash.currency(), cash.issuer().publicKey()),
                cash.amountMinorUnits(), Math::addExact));
        return totals;
    }

    /** Circulation counts cash owned by anyone but its issuer, as {@link ClearlineLedger#cashInCirculation} does. */
    private static Map<String, CashFigures> cashFigures(LedgerTransaction tx, String kind) {
        boolean issue = kind.equals("issue");
        boolean redeem = kind.equals("redeem");
        Map<String, long[]> figures = new TreeMap<>();
        for (CashState cash : tx.outputStates(CashState.class)) {
            if (!cash.owner().equals(cash.issuer())) {
                long[] line = figures.computeIfAbsent(cash.currency(), currency -> new long[2]);
                // A redemption's change is counted back, so its issued figure is − the redeemed amount.
                line[0] = issue || redeem ? Math.addExact(line[0], cash.amountMinorUnits()) : line[0];
                line[1] = Math.addExact(line[1], cash.amountMinorUnits());
            }
        }
        for (CashState cash : tx.inputStates(CashState.class)) {
            if (!cash.owner().equals(cash.issuer())) {
                long[] line = figures.computeIfAbsent(cash.currency(), currency -> new long[2]);
                line[1] = Math.subtractExact(line[1], cash.amountMinorUnits());
                // What a redemption takes out of circulation it takes out of what stands issued.
                line[0] = redeem ? Math.subtractExact(line[0], cash.amountMinorUnits()) : line[0];
            }
        }
        Map<String, CashFigures> result = new TreeMap<>();
        figures.forEach((currency, line) -> result.put(currency, new CashFigures(line[0], line[1])));
        return result;
    }

    /** Writes a finding in the database transaction that records the transaction at the regulator. */
    static void write(Connection connection, Entry entry, Instant recordedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_audit (transaction_id, line_number, kind, currency, issued_minor_units,"
                        + " circulation_change_minor_units, failed_rule, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            String rule = entry.failedRule() == null || entry.failedRule().length() <= RULE_CHARS_MAX
                    ? entry.failedRule() : entry.failedRule().substring(0, RULE_CHARS_MAX);
            addLine(insert, entry, 0, null, new CashFigures(0, 0), rule, recordedAt);
            int lineNumber = 1;
            for (Map.Entry<String, CashFigures> line : entry.byCurrency().entrySet()) {
                addLine(insert, entry, lineNumber++, line.getKey(), line.getValue(), null, recordedAt);
            }
            insert.executeBatch();
        }
    }

    private static void addLine(PreparedStatement insert, Entry entry, int lineNumber, String currency,
                                CashFigures figures, String rule, Instant recordedAt) throws SQLException {
        insert.setString(1, entry.transactionId());
        insert.setInt(2, lineNumber);
        insert.setString(3, entry.kind());
        insert.setString(4, currency);
        insert.setLong(5, figures.issuedMinorUnits());
        insert.setLong(6, figures.circulationChangeMinorUnits());
        insert.setString(7, rule);
        insert.setObject(8, recordedAt.atOffset(ZoneOffset.UTC));
        insert.addBatch();
    }

    /** The audit as of {@code asOf}, from one database transaction. */
    LedgerAudit audit(Instant asOf) {
        return jdbc.inTransaction(connection -> {
            long verified = count(connection, "failed_rule IS NULL");
            long payments = count(connection, "kind = 'payment'");
            long failureCount = count(connection, "failed_rule IS NOT NULL");
            Map<String, Long> issued = new TreeMap<>();
            Map<String, Long> circulation = new TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT currency, SUM(issued_minor_units), SUM(circulation_change_minor_units) FROM ledger_audit"
                            + " WHERE line_number > 0 GROUP BY currency");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    issued.put(rows.getString(1), rows.getLong(2));
                    circulation.put(rows.getString(1), rows.getLong(3));
                }
            }
            boolean clean = failureCount == 0 && issued.equals(circulation);
            List<AuditFailure> failures = failures(connection, 0, FAILURES_LISTED_MAX).items();
            return new LedgerAudit(asOf, verified, payments, issued, circulation, failures, clean);
        });
    }

    Page<AuditFailure> failures(int pageNumber, int pageSize) {
        Page.checkPageSize(pageSize);
        return jdbc.inTransaction(connection -> failures(connection, pageNumber, pageSize));
    }

    private static Page<AuditFailure> failures(Connection connection, int pageNumber, int pageSize) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT transaction_id, failed_rule FROM ledger_audit WHERE line_number = 0 AND failed_rule IS NOT NULL"
                        + " ORDER BY recorded_at, transaction_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            query.setLong(1, (long) pageNumber * pageSize);
            query.setInt(2, pageSize + 1);
            List<AuditFailure> failures = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    failures.add(new AuditFailure(rows.getString(1), rows.getString(2)));
                }
            }
            boolean more = failures.size() > pageSize;
            return new Page<>(more ? failures.subList(0, pageSize) : failures, pageNumber, more);
        }
    }

    private static long count(Connection connection, String condition) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM ledger_audit WHERE line_number = 0 AND " + condition);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
