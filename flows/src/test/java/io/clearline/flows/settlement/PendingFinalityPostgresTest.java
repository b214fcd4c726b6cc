package io.clearline.flows.settlement;

import io.clearline.flows.testing.PostgresTestDatabases;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The same rules on PostgreSQL 15, a fresh database per test: the schema and every query of two-phase
 * finality run there too. Skipped, saying so, where no server answers.
 */
class PendingFinalityPostgresTest extends PendingFinalityContract {
    private final PostgresTestDatabases databases = new PostgresTestDatabases();

    @Override
    DataSource newDatabase() {
        return databases.create("clearline_ledger_", "two-phase finality");
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        databases.dropAll();
    }
}
