package io.clearline.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A node created with BLOB columns has them converted once, its data intact; other tables are left alone. */
class H2BinaryColumnsTest {

    @Test
    void blobColumnsOfAxonTablesBecomeVarbinaryWithTheirBytesKept() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        byte[] saga = "{\"uetr\":\"6f1d8c52\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE SagaEntry (sagaId VARCHAR(255) PRIMARY KEY, serializedSaga BLOB)");
            statement.execute("CREATE TABLE adapter_attachment (id INT PRIMARY KEY, content BLOB)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO SagaEntry VALUES (?, ?)")) {
                insert.setString(1, "saga-1");
                insert.setBytes(2, saga);
                insert.executeUpdate();
            }
        }

        assertThat(H2BinaryColumns.convert(h2)).containsExactly("SAGAENTRY.SERIALIZEDSAGA");

        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(dataType(statement, "SAGAENTRY", "SERIALIZEDSAGA")).isEqualTo("BINARY VARYING");
            assertThat(dataType(statement, "ADAPTER_ATTACHMENT", "CONTENT")).as("not Axon's: left alone")
                    .isEqualTo("BINARY LARGE OBJECT");
            try (ResultSet row = statement.executeQuery("SELECT serializedSaga FROM SagaEntry")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBytes(1)).isEqualTo(saga);
            }
        }
        assertThat(H2BinaryColumns.convert(h2)).as("once converted, nothing more to do").isEmpty();
    }

    private static String dataType(Statement statement, String table, String column) throws Exception {
        try (ResultSet row = statement.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'")) {
            assertThat(row.next()).as(table + "." + column).isTrue();
            return row.getString(1);
        }
    }
}
