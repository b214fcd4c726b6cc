package io.clearline.ops.notary;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The single-node notary decides in the node's own database: it is available while that answers. */
final class DatabaseNotaryAvailability implements NotaryAvailability {
    private final DataSource database;
    private final Duration timeout;

    DatabaseNotaryAvailability(DataSource database, Duration timeout) {
        this.database = Objects.requireNonNull(database, "database");
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("JDBC validity checks count whole seconds: " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public NotaryCheck check() {
        try (Connection connection = database.getConnection()) {
            boolean valid = connection.isValid((int) timeout.toSeconds());
            return new NotaryCheck(valid, "single", Map.of("database", valid ? "answers" : "did not answer in "
                    + timeout), Optional.empty());
        } catch (SQLException | RuntimeException e) {
            return new NotaryCheck(false, "single", Map.of("database", e.toString()), Optional.empty());
        }
    }
}
