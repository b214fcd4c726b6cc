package io.clearline.ops.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event store's global index on PostgreSQL (migration V4): events appended through Axon's own JDBC
 * storage engine by concurrent transactions, some rolled back, are numbered exactly 1..n in the end, and a
 * reader polling during the run, as a tracking processor does, only ever sees a gap-free prefix: never an
 * index whose smaller neighbour turns up later.
 */
class GapFreeGlobalIndexTest {
    private static final int WRITERS = 8;
    private static final int TRANSACTIONS_PER_WRITER = 40;
    private static final int EVENTS_PER_TRANSACTION_MAX = 3;
    /** One transaction in this many is rolled back after appending. */
    private static final int ROLLBACK_ONE_IN = 3;
    /** How long a transaction may hold its events before it ends, so that appenders overlap. */
    private static final int HOLD_MILLIS_MAX = 3;
    private static final long RUN_WAIT_MAX_SECONDS = 120;

    private final PostgresServer server = new PostgresServer();

    @AfterEach
    void dropDatabases() throws SQLException {
        server.dropAll();
    }

    @Test
    void committedEventsAreNumberedOneToNInCommitOrderDespiteRollbacks() throws Exception {
        String database = server.create("clearline_global_index_", "the gap-free global index");
        PostgresServer.migrate(database);
        DataSource dataSource = PostgresServer.dataSource(database);

        Run run = appendConcurrently(dataSource);

        assertThat(run.rolledBack()).as("the run rolled some appends back").isPositive();
        assertThat(committedIndexes(dataSource, 0)).as("committed indexes")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, run.committed()).boxed().toList());
        assertThat(run.outOfOrder()).as("polls that saw an index before a smaller one").isEmpty();
        assertThat(run.polls()).as("the reader polled while the writers ran").isGreaterThan(1);
    }

    /** The same run on the schema before V4 (a sequence): the test above would see what this one does. */
    @Test
    void aSequenceLeavesGapsWhereTransactionsRolledBack() throws Exception {
        String database = server.create("clearline_global_index_", "the gap-free global index");
        PostgresServer.migrate(database, "--spring.flyway.target=3");
        DataSource dataSource = PostgresServer.dataSource(database);

        Run run = appendConcurrently(dataSource);

        List<Long> committed = committedIndexes(dataSource, 0);
        assertThat(committed).hasSize((int) run.committed());
        assertThat(committed.getLast()).as("the highest index, past the numbers rolled back")
                .isGreaterThan(run.committed());
    }

    private record Run(long committed, long rolledBack, List<String> outOfOrder, long polls) {
    }

    private static Run appendConcurrently(DataSource dataSource) throws Exception {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        AtomicLong committed = new AtomicLong();
        AtomicLong rolledBack = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> outOfOrder = new ConcurrentLinkedQueue<>();
        AtomicLong polls = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            Future<?> reader = threads.submit(() -> poll(dataSource, writing, outOfOrder, polls));
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int seed = writer;
                writers.add(threads.submit(() -> append(engine, new TransactionTemplate(transactions), seed,
                        committed, rolledBack)));
            }
            for (Future<?> writer : writers) {
                writer.get(RUN_WAIT_MAX_SECONDS, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(RUN_WAIT_MAX_SECONDS, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        return new Run(committed.get(), rolledBack.get(), List.copyOf(outOfOrder), polls.get());
    }

    private static Void append(JdbcEventStorageEngine engine, TransactionTemplate transaction, int seed,
                               AtomicLong committed, AtomicLong rolledBack) throws InterruptedException {
        Random random = new Random(seed);
        for (int number = 0; number < TRANSACTIONS_PER_WRITER; number++) {
            String aggregate = "aggregate-" + seed + "-" + number;
            int events = 1 + random.nextInt(EVENTS_PER_TRANSACTION_MAX);
            boolean rollBack = random.nextInt(ROLLBACK_ONE_IN) == 0;
            int holdMillis = random.nextInt(HOLD_MILLIS_MAX + 1);
            transaction.executeWithoutResult(status -> {
                engine.appendEvents(LongStream.range(0, events).mapToObj(sequence -> new GenericDomainEventMessage<>(
                        "Test", aggregate, sequence, "event " + sequence + " of " + aggregate)).toList());
                sleep(holdMillis);
                if (rollBack) {
                    status.setRollbackOnly();
                }
            });
            (rollBack ? rolledBack : committed).addAndGet(rollBack ? 1 : events);
        }
        return null;
    }

    /** Reads on from the last index seen, as a tracking processor does; each poll must continue it without a hole. */
    private static Void poll(DataSource dataSource, AtomicBoolean writing, ConcurrentLinkedQueue<String> outOfOrder,
                             AtomicLong polls) throws SQLException {
        long lastSeen = 0;
        boolean lastPoll = false;
        while (!lastPoll) {
            lastPoll = !writing.get();
            for (long index : committedIndexes(dataSource, lastSeen)) {
                if (index != lastSeen + 1) {
                    outOfOrder.add("saw " + index + " right after " + lastSeen);
                }
                lastSeen = index;
            }
            polls.incrementAndGet();
        }
        return null;
    }

    private static List<Long> committedIndexes(DataSource dataSource, long after) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT globalindex FROM domainevententry WHERE globalindex > ? ORDER BY globalindex")) {
            query.setLong(1, after);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getLong(1));
                }
            }
        }
        return indexes;
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding an append open", interrupted);
        }
    }
}
