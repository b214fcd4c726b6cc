package io.clearline.flows.settlement;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import java.time.Clock;
import java.util.UUID;
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
        this(null);
    }

    LedgerFixture(PaymentTransactionBuilder builder) {
        ledger = builder == null
                ? ClearlineLedger.open(dataSource, Clock.systemUTC(), executor, "CBANKXXX", "notary", "regulator")
                : ClearlineLedger.openWithBuilder(dataSource, Clock.systemUTC(), executor, builder);
        ledger.admit(BANK_A);
        ledger.admit(BANK_B);
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

    static PaymentSettlementRequest payment(String uetr, Bic payer, Bic payee, long amount) {
        return new PaymentSettlementRequest(Uetr.of(uetr), payer, payee, Money.of(amount, "EUR"));
    }

    static String newUetr() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        executor.close();
    }
}
