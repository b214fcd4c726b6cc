package io.clearline.ops.network;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The local PostgreSQL a network's members keep their databases in: 127.0.0.1:5432 as user
 * {@code CLEARLINE_DB_USER} (default postgres) with password {@code CLEARLINE_DB_PASSWORD} (default none).
 */
record PostgresServer(String serverUrl, String user, String password) {
    /** Long enough for a local server that answers at all; a machine without one is told so quickly. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    static PostgresServer local() {
        return new PostgresServer("jdbc:postgresql://127.0.0.1:5432/",
                System.getenv().getOrDefault("CLEARLINE_DB_USER", "postgres"),
                System.getenv().getOrDefault(NetworkLayout.PASSWORD_VARIABLE, ""));
    }

    String databaseUrl(String database) {
        return serverUrl + database;
    }

    boolean answers() {
        try (Connection ignored = connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** @throws IllegalStateException if the server does not answer or refuses */
    void createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = connect();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name is checked above: a plain lower-case identifier, safe to write into the statement.
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + database + " at " + serverUrl, e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("loginTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        return DriverManager.getConnection(databaseUrl("postgres"), properties);
    }
}
