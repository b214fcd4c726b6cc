package io.clearline.ops.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.ClearlineApplication;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On PostgreSQL the schema is Flyway's migrations; on H2 the modules still create it in code. These
 * must not drift apart: a fresh database migrated by Flyway alone and one whose tables the node's code
 * created (Flyway off) have the same tables, columns, types, nullability, keys and indexes, but for the
 * intended differences named here. A table or index added in code without a migration fails this test.
 *
 * <p>Also: on the {@code postgres} profile Flyway runs before any module touches the database (its history
 * on an empty database starts at V1, with no baseline), the modules' schema code then creates nothing, and
 * a database that an earlier version created in code is brought to the same schema at start.
 */
class PostgresSchemaEquivalenceTest {
    /** Flyway's own record of what it applied, not part of the node's schema. */
    private static final Set<String> FLYWAY_BOOKKEEPING = Set.of("flyway_schema_history");
    private static final String WHAT = "the schema's migrations";

    /** What only the code creates: Axon's sequence for the global index, which V4 replaces. */
    private static final Set<String> INTENDED_ONLY_IN_CODE = Set.of(
            "column domainevententry.globalindex bigint not null"
                    + " default nextval('domainevententry_globalindex_seq'::regclass)",
            "sequence domainevententry_globalindex_seq");
    /**
     * What only the migrations create: the gap-free global index of V4, a provisional index from a sequence
     * of its own, a counter row and a trigger that numbers events at commit.
     */
    private static final Set<String> INTENDED_ONLY_IN_MIGRATIONS = Set.of(
            "column domainevententry.globalindex bigint not null"
                    + " default nextval('domainevententry_provisional_index'::regclass)",
            "sequence domainevententry_provisional_index",
            "table event_global_index_counter",
            "column event_global_index_counter.singleton integer not null",
            "column event_global_index_counter.last_global_index bigint not null",
            "constraint event_global_index_counter CHECK ((singleton = 1))",
            "constraint event_global_index_counter CHECK ((last_global_index >= 0))",
            "constraint event_global_index_counter PRIMARY KEY (singleton)",
            "constraint domainevententry TRIGGER DEFERRABLE INITIALLY DEFERRED",
            "index CREATE UNIQUE INDEX event_global_index_counter_pkey ON public.event_global_index_counter"
                    + " USING btree (singleton)",
            "trigger domainevententry_global_index AFTER INSERT ON domainevententry ROW"
                    + " EXECUTE FUNCTION domainevententry_number_at_commit()",
            "function domainevententry_number_at_commit()");

    private final PostgresServer server = new PostgresServer();
    @TempDir
    Path dataDir;

    @AfterEach
    void dropDatabases() throws SQLException {
        server.dropAll();
    }

    @Test
    void migrationsCreateWhatTheCodeCreatesButForTheIntendedDifferences() throws SQLException {
        String migrated = migratedByFlywayAlone();
        String codeCreated = server.create("clearline_schema_code_", WHAT);
        startAndStopNode(codeCreated, "--spring.flyway.enabled=false");

        SortedSet<String> byMigrations = snapshot(migrated);
        SortedSet<String> byCode = snapshot(codeCreated);

        assertThat(byMigrations).as("the migrations create the node's tables").contains("table domainevententry",
                "table ledger_vault_state", "table adapter_outbound_message");
        assertThat(SchemaSnapshot.minus(byCode, byMigrations)).as("created by the code but by no migration")
                .containsExactlyInAnyOrderElementsOf(INTENDED_ONLY_IN_CODE);
        assertThat(SchemaSnapshot.minus(byMigrations, byCode)).as("created by a migration but not by the code")
                .containsExactlyInAnyOrderElementsOf(INTENDED_ONLY_IN_MIGRATIONS);

        execute(codeCreated, "CREATE TABLE added_in_code_only (id BIGINT PRIMARY KEY)");
        assertThat(SchemaSnapshot.minus(snapshot(codeCreated), byMigrations))
                .as("a table the code creates without a migration is a difference this test reports")
                .contains("table added_in_code_only", "column added_in_code_only.id bigint not null");
    }

    @Test
    void nodeOnAnEmptyDatabaseMigratesFirstAndItsCodeCreatesNothingMore() throws SQLException {
        String migrated = migratedByFlywayAlone();
        String started = server.create("clearline_schema_node_", WHAT);
        startAndStopNode(started);

        assertThat(history(started)).as("Flyway found the database empty: no module had created a table before it")
                .first().isEqualTo("1 SQL");
        assertThat(snapshot(started)).isEqualTo(snapshot(migrated));
    }

    @Test
    void databaseCreatedInCodeByAnEarlierVersionIsBaselinedAndMigrated() throws SQLException {
        String migrated = migratedByFlywayAlone();
        String earlier = server.create("clearline_schema_earlier_", WHAT);
        startAndStopNode(earlier, "--spring.flyway.enabled=false");
        startAndStopNode(earlier);

        List<String> applied = history(earlier);
        assertThat(applied).as("baselined below every migration, then all of them applied")
                .first().isEqualTo("0 BASELINE");
        assertThat(applied).contains("1 SQL", "2 SQL", "3 SQL", "4 SQL");
        assertThat(snapshot(earlier)).isEqualTo(snapshot(migrated));
        assertThat(queryLong(earlier, "SELECT max(globalindex) FROM domainevententry"))
                .as("the events of the earlier version are kept").isPositive()
                .as("the gap-free index carries on from the highest index the sequence gave")
                .isEqualTo(queryLong(earlier, "SELECT last_global_index FROM event_global_index_counter"));
    }

    private String migratedByFlywayAlone() {
        String database = server.create("clearline_schema_flyway_", WHAT);
        PostgresServer.migrate(database);
        return database;
    }

    private void startAndStopNode(String database, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--clearline.data-dir=" + dataDir,
                "--clearline.lsm.schedule.enabled=false", "--spring.datasource.url=" + PostgresServer.url(database),
                "--spring.datasource.username=" + PostgresServer.USER));
        arguments.addAll(List.of(extraArguments));
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ClearlineApplication.class)
                .profiles("demo", "postgres").run(arguments.toArray(String[]::new))) {
            assertThat(node.isActive()).isTrue();
        }
    }

    private static SortedSet<String> snapshot(String database) throws SQLException {
        return SchemaSnapshot.of(PostgresServer.dataSource(database), FLYWAY_BOOKKEEPING);
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection connection = PostgresServer.dataSource(database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(String database, String sql) throws SQLException {
        try (Connection connection = PostgresServer.dataSource(database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Flyway's history, oldest first, as "version type". */
    private static List<String> history(String database) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection connection = PostgresServer.dataSource(database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, type FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return applied;
    }
}
