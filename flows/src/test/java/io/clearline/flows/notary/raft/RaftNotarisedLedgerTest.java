package io.clearline.flows.notary.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.flows.settlement.TransactionView;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's notary deciding uniqueness through a three-replica Raft cluster instead of its own table. */
class RaftNotarisedLedgerTest {
    private static final Bic BANK_A = Bic.of("BANKAAAA");
    private static final Bic BANK_B = Bic.of("BANKBBBB");

    @TempDir
    Path clusterFolder;

    private RaftNotaryCluster cluster;
    private RaftUniquenessService notary;
    private final ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        flows.close();
        if (notary != null) {
            notary.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPaymentSettlesThroughTheClusterAndItsInputsCannotBeSpentAgain() {
        cluster = RaftNotaryCluster.start(3, clusterFolder, RaftNotaryTesting.h2Files(), replica -> Clock.systemUTC(),
                RaftNotaryTesting.FAST);
        notary = cluster.connect(RaftNotaryTesting.FAST_CLIENT);
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ClearlineLedger ledger = ClearlineLedger.open(database, Clock.systemUTC(), flows, "CBANKXXX", "notary",
                "regulator", notary);
        ledger.admit(BANK_A);
        ledger.admit(BANK_B);

        ledger.ledgerPort().issueCash(new CashIssuanceRequest("pledge-1", BANK_A, Money.of(1_000, "EUR"))).join();
        String uetr = UUID.randomUUID().toString();
        String transactionId = ledger.ledgerPort().settlePayment(new PaymentSettlementRequest(Uetr.of(uetr), BANK_A,
                BANK_B, Money.of(400, "EUR"))).join().transactionId();

        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(600);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(400);
        assertThat(ledger.transaction(transactionId)).isPresent();
        assertThat(ledger.audit().clean()).isTrue();
        // Every replica committed the payment's inputs: the cluster, not this ledger, remembers them.
        RaftNotaryTesting.awaitConverged(cluster.replicas());
        // More than A holds: refused before the notary, and nothing recorded.
        assertThatThrownBy(() -> ledger.ledgerPort().settlePayment(new PaymentSettlementRequest(
                Uetr.of(UUID.randomUUID().toString()), BANK_A, BANK_B, Money.of(601, "EUR"))).join())
                .isInstanceOf(CompletionException.class);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(600);
    }

    @Test
    void aNodeWithNoNotaryKeyNotarisesWithTheClustersServiceSignature() throws Exception {
        NotaryServiceKey serviceKey = NotaryServiceKey.generate();
        cluster = RaftNotaryCluster.start(3, clusterFolder, RaftNotaryTesting.h2Files(), replica -> Clock.systemUTC(),
                RaftNotaryTesting.FAST, replica -> serviceKey);
        notary = cluster.connect(RaftNotaryTesting.FAST_CLIENT, serviceKey.publicKey());
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ClearlineLedger ledger = ClearlineLedger.open(database, Clock.systemUTC(), flows, "CBANKXXX", "notary",
                "regulator", notary, serviceKey.publicKey());
        ledger.admit(BANK_A);
        ledger.admit(BANK_B);

        ledger.ledgerPort().issueCash(new CashIssuanceRequest("pledge-1", BANK_A, Money.of(1_000, "EUR"))).join();
        String transactionId = ledger.ledgerPort().settlePayment(new PaymentSettlementRequest(
                Uetr.of(UUID.randomUUID().toString()), BANK_A, BANK_B, Money.of(400, "EUR"))).join().transactionId();

        assertThat(ledger.notary().publicKey()).isEqualTo(serviceKey.publicKey());
        TransactionView.SignatureView notarySignature = ledger.transaction(transactionId).orElseThrow().notarySignature();
        assertThat(notarySignature.publicKeyBase64()).isEqualTo(serviceKey.publicKey().base64());
        assertThat(notarySignature.verifies()).isTrue();
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(400);
        assertThat(ledger.audit().clean()).isTrue();
        // The node never made or stored a notary key of its own.
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM ledger_identity WHERE name = 'notary'");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }
}
