package io.clearline.flows.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.runtime.Flow;
import io.clearline.flows.runtime.FlowCodec;
import io.clearline.flows.runtime.FlowContext;
import io.clearline.flows.runtime.FlowDefinition;
import io.clearline.flows.runtime.FlowHospital;
import io.clearline.flows.runtime.FlowRunner;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.runtime.Responder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two flow nodes, each with its own database and its own HTTP transport on loopback, party A on
 * node-a paying party B on node-b: the payer's flow sends the payment on a session, the payee's
 * responder credits it (keyed by the payment id) and answers. Node B is stopped in the middle and
 * started again on the same database and port; the sessions' outbox and inbox carry every payment
 * across, and each is credited exactly once.
 */
class HttpTransportFlowsTest {
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(120);
    private static final int PAYMENTS = 60;
    private static final FlowHospital HOSPITAL = new FlowHospital(3, Duration.ofMillis(1), Duration.ofMillis(4),
            failure -> false);
    private static final NetworkMap NETWORK = party -> java.util.Optional.of("node-" + party.toLowerCase());

    /** Pays {@code amountMinor} (CHF) from A to B under {@code paymentId}; its result is B's receipt. */
    record PayFlow(String paymentId, long amountMinor) implements Flow<String> {
        static final FlowDefinition<PayFlow, String> DEFINITION = new FlowDefinition<>(PayFlow.class,
                FlowCodec.STRINGS.map(flow -> List.of(flow.paymentId, Long.toString(flow.amountMinor)),
                        fields -> new PayFlow(fields.get(0), Long.parseLong(fields.get(1)))), FlowCodec.STRING);

        @Override
        public String call(FlowContext context) throws Exception {
            return context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRINGS,
                    List.of(paymentId, Long.toString(amountMinor), "CHF"), FlowCodec.STRING, ANSWER_WAIT,
                    receipt -> {
                        if (!receipt.equals("credited " + paymentId)) {
                            throw new IllegalStateException("B answered " + receipt + " for " + paymentId);
                        }
                    });
        }
    }

    private final HttpTransportTesting network = new HttpTransportTesting();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final DataSource databaseA = database();
    private final DataSource databaseB = database();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    /** A node: its runner on its own executor, its transport, both stopped together as a process would be. */
    private final class Node implements AutoCloseable {
        final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        final HttpTransport transport;
        final FlowRunner runner;

        Node(String name, DataSource database, int port) {
            transport = network.start(name, HttpTransportSettings.LOOPBACK.withPort(port));
            FlowRunner created = new FlowRunner(new Jdbc(database), new SoftLocks(Duration.ofMinutes(5)),
                    Clock.systemUTC(), executor, HOSPITAL, FlowRunner.Limits.DEFAULTS).register(PayFlow.DEFINITION);
            if (name.equals("node-b")) {
                created.registerResponder(PayFlow.class, credit(database));
            }
            runner = created.connect(name, transport, NETWORK);
            opened.add(this);
        }

        @Override
        public void close() {
            runner.disconnect();
            executor.shutdownNow();
            transport.close();
        }
    }

    /** B's answer to a payment: credit it once under its id, then say so. */
    private static Responder credit(DataSource database) {
        return (context, session) -> {
            List<String> payment = session.receive(FlowCodec.STRINGS, ANSWER_WAIT, fields -> {
                if (fields.size() != 3 || Long.parseLong(fields.get(1)) <= 0) {
                    throw new IllegalArgumentException("not a payment: " + fields);
                }
            });
            context.await("credit", FlowCodec.STRING, () -> {
                try (Connection connection = database.getConnection();
                     PreparedStatement merge = connection.prepareStatement(
                             "MERGE INTO credit (payment_id, amount_minor, currency) KEY (payment_id) VALUES (?, ?, ?)")) {
                    merge.setString(1, payment.get(0));
                    merge.setLong(2, Long.parseLong(payment.get(1)));
                    merge.setString(3, payment.get(2));
                    merge.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException("B could not credit " + payment.get(0), e);
                }
                return payment.get(0);
            });
            session.send(FlowCodec.STRING, "credited " + payment.get(0));
        };
    }

    @Test
    void everyPaymentIsCreditedExactlyOnceThoughThePayeesNodeStopsAndStartsAgainMidway() throws Exception {
        int portB = HttpTransportTesting.freePort();
        Node nodeA = new Node("node-a", databaseA, 0);
        Node nodeB = new Node("node-b", databaseB, portB);

        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        long totalMinor = 0;
        for (int index = 0; index < PAYMENTS / 2; index++) {
            totalMinor += 100 + index;
            outcomes.add(nodeA.runner.start("pay-" + index, new PayFlow("payment-" + index, 100 + index)));
        }
        HttpTransportTesting.await("B to credit some payments", () -> credits()[0] >= PAYMENTS / 8);
        nodeB.close();
        opened.remove(nodeB);
        long creditedBeforeStop = credits()[0];
        // The second half is paid while B is down: A's sends to it fail, and its outbox keeps them.
        for (int index = PAYMENTS / 2; index < PAYMENTS; index++) {
            totalMinor += 100 + index;
            outcomes.add(nodeA.runner.start("pay-" + index, new PayFlow("payment-" + index, 100 + index)));
        }
        HttpTransportTesting.await("A to find B down", () -> nodeA.transport.counters().failedBatches() > 0);
        Node restartedB = new Node("node-b", databaseB, portB);
        restartedB.runner.resumeUnfinished();

        for (int index = 0; index < PAYMENTS; index++) {
            assertThat(outcomes.get(index).get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("credited payment-" + index);
            assertThat(nodeA.runner.find("pay-" + index).orElseThrow().status()).isEqualTo(FlowStatus.COMPLETED);
        }
        assertThat(creditedBeforeStop).as("half the payments were started while B was down").isLessThan(PAYMENTS);
        assertThat(credits()).containsExactly(PAYMENTS, totalMinor);
        assertThat(restartedB.transport.counters().refusedSenderEnvelopes()).isZero();
    }

    /** B's credits: how many, and their sum in minor units. */
    private long[] credits() {
        try (Connection connection = databaseB.getConnection(); Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM credit")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection(); Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE credit (payment_id VARCHAR(64) PRIMARY KEY, amount_minor BIGINT NOT NULL, "
                    + "currency CHAR(3) NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return h2;
    }
}
