package io.clearline.ops.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The PostgreSQL server the storage tests use, and the throwaway databases they create on it, one per
 * call, dropped by {@link #dropAll}. Where no server answers the test is skipped, saying so;
 * {@code -Dclearline.test.postgres=required} (CI) makes it fail instead.
 */
final class PostgresServer {
    static final String URL = System.getProperty("clearline.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("clearline.test.postgres.user", "postgres");

    private final List<String> databases = new ArrayList<>();

    /** A new empty database, named by {@code prefix} and a random suffix; {@code what} says what a skip leaves untested. */
    String create(String prefix, String what) {
        String database = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection server = DriverManager.getConnection(URL + "postgres", USER, "");
             Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException unreachable) {
            if ("required".equals(System.getProperty("clearline.test.postgres"))) {
                throw new IllegalStateException("no PostgreSQL at " + URL, unreachable);
            }
            Assumptions.assumeTrue(false, "no PostgreSQL at " + URL + " (" + unreachable.getMessage() + "): "
                    + what + " is not tested here");
        }
        databases.add(database);
        return database;
    }

    static String url(String database) {
        return URL + database;
    }

    static PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url(database));
        dataSource.setUser(USER);
        return dataSource;
    }

    /**
     * Runs Flyway alone on the database, configured by the {@code postgres} profile exactly as the node is;
     * {@code extraArguments} (such as {@code --spring.flyway.target=3}) are added to its command line.
     */
    static void migrate(String database, String... extraArguments) {
        String[] arguments = Stream.concat(Stream.of("--spring.datasource.url=" + url(database),
                "--spring.datasource.username=" + USER), Stream.of(extraArguments)).toArray(String[]::new);
        new SpringApplicationBuilder(FlywayOnly.class).profiles("postgres").web(WebApplicationType.NONE)
                .run(arguments).close();
    }

    void dropAll() throws SQLException {
        if (databases.isEmpty()) {
            return;
        }
        try (Connection server = DriverManager.getConnection(URL + "postgres", USER, "");
             Statement statement = server.createStatement()) {
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
        databases.clear();
    }

    /**
     * A context of the data source and Flyway only. Not a {@code @Configuration}: the node's component scan
     * would then find it in the test classes.
     */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static final class FlywayOnly {
    }
}
