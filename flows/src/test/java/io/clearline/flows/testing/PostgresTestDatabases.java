package io.clearline.flows.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh PostgreSQL 15 databases for tests, one per call, dropped by {@link #dropAll}. Where no server
 * answers, the test is skipped, saying so; {@code -Dclearline.test.postgres=required} makes it fail
 * instead (as in CI).
 */
public final class PostgresTestDatabases {
    private static final String HOST = System.getProperty("clearline.test.postgres.host", "127.0.0.1");
    private static final int PORT = Integer.getInteger("clearline.test.postgres.port", 5432);
    private static final String USER = System.getProperty("clearline.test.postgres.user", "postgres");

    private final List<String> databases = new ArrayList<>();

    /** A new empty database named {@code prefix} and a random suffix; {@code what} says what a skip leaves untested. */
    public DataSource create(String prefix, String what) {
        String database = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection server = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException unreachable) {
            if ("required".equals(System.getProperty("clearline.test.postgres"))) {
                throw new IllegalStateException(unreachable);
            }
            Assumptions.assumeTrue(false, "no PostgreSQL at " + url("postgres") + " (" + unreachable.getMessage()
                    + "): " + what + " is not tested on PostgreSQL here");
        }
        databases.add(database);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {PORT});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        return dataSource;
    }

    public void dropAll() throws SQLException {
        if (databases.isEmpty()) {
            return;
        }
        try (Connection server = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = server.createStatement()) {
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
        databases.clear();
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }
}
