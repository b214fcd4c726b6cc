package io.clearline.flows.settlement;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A ledger on a fresh in-memory H2 database, with two admitted banks. */
final class LedgerFixture implements AutoCloseable {
    static final Bic BANK_A = Bic.of("BANKAAAA");
    static final Bic BANK_B = Bic.of("BANKBBBB");

    final DataSource dataSource = dataSource();
    final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final ClearlineLedger ledger;

    LedgerFixture() {
        this((PaymentTransactionBuilder) null);
    }

    /** A ledger whose payments wait at most {@code softLockWaitMax} for cash that others hold locked. */
    LedgerFixture(Duration softLockWaitMax) {
        ledger = admitBoth(ClearlineLedger.openWithSoftLockWait(dataSource, Clock.systemUTC(), executor,
                softLockWaitMax));
    }

    LedgerFixture(PaymentTransactionBuilder builder) {
        ledger = builder == null
                ? open(dataSource, Clock.systemUTC(), executor)
                : admitBoth(ClearlineLedger.openWithBuilder(dataSource, Clock.systemUTC(), executor, builder));
    }

    /** Opens (or, on a database used before, restarts) the node, with both banks admitted. */
    static ClearlineLedger open(DataSource dataSource, Clock clock, Executor executor) {
        return admitBoth(ClearlineLedger.open(dataSource, clock, executor, "CBANKXXX", "notary", "regulator"));
    }

    private static ClearlineLedger admitBoth(ClearlineLedger ledger) {
        ledger.admit(BANK_A);
        ledger.admit(BANK_B);
        return ledger;
    }

    static DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    String issue(String transferId, Bic bank, long amount) {
        return ledger.ledgerPort().issueCash(new CashIssuanceRequest(transferId, bank, Money.of(amount, "EUR")))
                .join().transactionId();
    }

    /** The first column of every row {@code sql} selects, read straight from the database. */
    static List<String> query(DataSource database, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    static PaymentSettlementRequest payment(String uetr, Bic payer, Bic payee, long amount) {
        return new PaymentSettlementRequest(Uetr.of(uetr), payer, payee, Money.of(amount, "EUR"));
    }

    static String newUetr() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        ledger.close();
        executor.close();
    }
}
