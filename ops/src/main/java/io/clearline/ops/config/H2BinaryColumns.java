package io.clearline.ops.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Axon's tables on H2 keep event payloads, tokens and saga state as {@code VARBINARY}, not BLOB. H2
 * stores every BLOB value apart, in its LOB store, and each read goes through it: with BLOBs the
 * payment settlement saga spent most of its time reading its own state back, and a node on the
 * embedded default settled a few dozen payments per second. Axon's schemas declare BLOBs (ours did
 * too), so this converts the columns of a database created before, once, at start.
 */
final class H2BinaryColumns {
    /** Axon's tables whose binary columns hold what every payment reads and writes. */
    static final List<String> AXON_TABLES = List.of("DOMAINEVENTENTRY", "SNAPSHOTEVENTENTRY", "TOKENENTRY",
            "SAGAENTRY");

    private H2BinaryColumns() {
    }

    /** @return the columns converted, as {@code TABLE.COLUMN}; empty when there was nothing to convert */
    static List<String> convert(DataSource dataSource) {
        List<String> converted = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String[] column : blobColumns(connection)) {
                try (Statement alter = connection.createStatement()) {
                    alter.execute("ALTER TABLE " + quoted(column[0]) + " ALTER COLUMN " + quoted(column[1])
                            + " SET DATA TYPE VARBINARY");
                }
                converted.add(column[0] + "." + column[1]);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot convert Axon's BLOB columns to VARBINARY on H2", failed);
        }
        return converted;
    }

    private static List<String[]> blobColumns(Connection connection) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA() AND DATA_TYPE = 'BINARY LARGE OBJECT'")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (AXON_TABLES.contains(rows.getString(1).toUpperCase(Locale.ROOT))) {
                        columns.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
        }
        return columns;
    }

    /** Names come from the database's own catalogue, quoted as it spells them. */
    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
