package io.clearline.flows.runtime;

import io.clearline.flows.testing.PostgresTestDatabases;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The same rules on PostgreSQL 15, a fresh database per test. Skipped, saying so, where no server
 * answers; {@code -Dclearline.test.postgres=required} makes it fail instead (as in CI).
 */
class FlowRunnerPostgresTest extends FlowRunnerContract {
    private final PostgresTestDatabases databases = new PostgresTestDatabases();

    @Override
    DataSource newDatabase() {
        return databases.create("clearline_flows_", "the flow runner");
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        databases.dropAll();
    }
}
