package io.clearline.flows.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Runs work in one database transaction with the isolation set explicitly (read committed; the
 * primary keys, not the isolation level, guard uniqueness). A failure rolls everything back.
 */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerStorageException(e);
        }
    }

    /** Runs DDL statements in order in one transaction: {@code CREATE ... IF NOT EXISTS}, so running them again is harmless. */
    public void createIfMissing(String... statements) {
        inTransaction(connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /** A primary key or unique constraint refused a row (SQLSTATE class 23 on H2 and PostgreSQL). */
    public static boolean isIntegrityViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Object column) {
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("not a timestamp column: " + column);
    }

    /** A storage failure: infrastructure, never a business refusal. */
    public static final class LedgerStorageException extends RuntimeException {
        public LedgerStorageException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
