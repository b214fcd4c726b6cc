package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static io.clearline.flows.settlement.LedgerFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Money;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Database commits per two-party payment, counted at the connection: the session's cost is mostly
 * small commits, and this says where a change to it moved the count.
 */
class PaymentCommitCountTest {
    private static final int PAYMENTS = 20;
    private static final long AMOUNT = 100;
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(60);
    private static final Duration QUIET_WAIT_MAX = Duration.ofSeconds(30);
    /**
     * Commits of one payment, sequential and over a faithful transport, at most: the payer's flow and
     * finality, the notary, the payee's responder and the session between them (reads included). It was
     * 31.4 before the session folded its first and last messages and skipped the payer's END; 24.9 after.
     */
    private static final double COMMITS_PER_PAYMENT_MAX = 26;

    @Test
    void aSequentialPaymentCommitsNoMoreThanItsBudget() throws Exception {
        CountingDataSource database = new CountingDataSource(LedgerFixture.dataSource());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
             ClearlineLedger ledger = ClearlineLedger.open(database, Clock.systemUTC(), executor, "CBANKXXX", "notary",
                     "regulator")) {
            ledger.admit(BANK_A);
            ledger.admit(BANK_B);
            ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-0", BANK_A, Money.of(1_000_000, "EUR")))
                    .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
            settleOneAndWaitUntilQuiet(ledger, database);
            long before = database.commits.get();
            for (int i = 0; i < PAYMENTS; i++) {
                settleOneAndWaitUntilQuiet(ledger, database);
            }
            double perPayment = (database.commits.get() - before) / (double) PAYMENTS;
            System.out.printf("commits per sequential two-party payment: %.1f%n", perPayment);
            assertThat(perPayment).isLessThanOrEqualTo(COMMITS_PER_PAYMENT_MAX);
        }
    }

    /** Settles a payment, then waits until every envelope it sent was acknowledged and deleted. */
    private static void settleOneAndWaitUntilQuiet(ClearlineLedger ledger, DataSource database) throws Exception {
        ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, AMOUNT))
                .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + QUIET_WAIT_MAX.toNanos();
        while (!query(database, "SELECT COUNT(*) FROM flow_outbox").equals(List.of("0"))
                || !query(database, "SELECT COUNT(*) FROM flow_checkpoint WHERE flow_status <> 'COMPLETED'")
                .equals(List.of("0"))) {
            assertThat(System.nanoTime()).as("the payment's session went quiet").isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(200);
    }

    /** Counts commits of the connections it hands out. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource delegate;
        private final AtomicLong commits = new AtomicLong();

        CountingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return counting(delegate.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws java.sql.SQLException {
            return counting(delegate.getConnection(user, password));
        }

        private Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("commit")) {
                            commits.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws java.sql.SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws java.sql.SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws java.sql.SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws java.sql.SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            return delegate.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
            return delegate.isWrapperFor(type);
        }
    }
}
