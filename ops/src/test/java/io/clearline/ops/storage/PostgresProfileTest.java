package io.clearline.ops.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.adapters.channel.InboundAnswer;
import io.clearline.adapters.channel.InboundMessageService;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.ops.ClearlineApplication;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code postgres} profile against a real PostgreSQL: a fresh database per run, a payment settled
 * end to end, and a restart that finds everything where it was. Skipped, saying so, where no server
 * answers; CI sets {@code -Dclearline.test.postgres=required} so that there it cannot be skipped.
 */
class PostgresProfileTest {
    private static final String SERVER = System.getProperty("clearline.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("clearline.test.postgres.user", "postgres");
    private static final String ALPHA = "ALPHEUAAXXX";
    private static final String BRAVO = "BRAVEUBBXXX";

    @TempDir
    Path dataDir;
    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "clearline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection server = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException unreachable) {
            boolean required = "required".equals(System.getProperty("clearline.test.postgres"));
            if (required) {
                throw unreachable;
            }
            Assumptions.assumeTrue(false, "no PostgreSQL at " + SERVER + " (" + unreachable.getMessage()
                    + "): the postgres profile is not tested here");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection server = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void paymentSettlesOnPostgresAndSurvivesARestart() {
        String uetr = UUID.randomUUID().toString();
        String transactionId;
        try (ConfigurableApplicationContext node = start()) {
            InboundAnswer answer = node.getBean(InboundMessageService.class).receive(Pacs008Template.creditTransfer(
                    "PG-" + uetr.substring(0, 8), uetr, ALPHA, BRAVO, "250.00", "EUR", LocalDate.now())
                    .getBytes(StandardCharsets.UTF_8), ALPHA);
            assertThat(answer).isInstanceOf(InboundAnswer.Accepted.class);
            PaymentView settled = Eventually.value("payment " + uetr + " settled", () -> payment(node, uetr)
                    .filter(view -> view.status() == PaymentStatus.SETTLED));
            transactionId = settled.ledgerTransactionId();
            ClearlineLedger ledger = node.getBean(ClearlineLedger.class);
            assertThat(ledger.cashBalance(Bic.of(BRAVO), "EUR")).isEqualTo(1_000_025_000L);
        }
        try (ConfigurableApplicationContext restarted = start()) {
            PaymentView replayed = Eventually.value("payment " + uetr + " replayed", () -> payment(restarted, uetr));
            assertThat(replayed.status()).isEqualTo(PaymentStatus.SETTLED);
            assertThat(replayed.ledgerTransactionId()).isEqualTo(transactionId);
            ClearlineLedger ledger = restarted.getBean(ClearlineLedger.class);
            assertThat(ledger.transaction(transactionId)).isPresent();
            assertThat(ledger.cashBalance(Bic.of(ALPHA), "EUR")).isEqualTo(999_975_000L);
            assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ClearlineApplication.class)
                .profiles("demo", "postgres")
                .run("--server.port=0", "--clearline.data-dir=" + dataDir,
                        "--spring.datasource.url=" + SERVER + database, "--spring.datasource.username=" + USER);
    }

    private static Optional<PaymentView> payment(ConfigurableApplicationContext node, String uetr) {
        return node.getBean(QueryGateway.class).query(new FindPaymentQuery(Uetr.of(uetr)),
                ResponseTypes.optionalInstanceOf(PaymentView.class)).join();
    }
}
