package io.clearline.adapters.outbound;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The original bytes of every accepted payment instruction, by UETR, kept so that what Clearline
 * sends on (the pacs.008 forwarded to the payee) is built from exactly what the payer sent.
 */
public class InboundMessageStore {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public InboundMessageStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void createSchemaIfMissing() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS adapter_inbound_instruction (
                  uetr VARCHAR(36) NOT NULL PRIMARY KEY,
                  message_id VARCHAR(35) NOT NULL,
                  channel_bic VARCHAR(11) NOT NULL,
                  xml VARCHAR NOT NULL,
                  received_at TIMESTAMP WITH TIME ZONE NOT NULL)""");
    }

    /** Keeps the first message seen for a UETR; a later one with the same UETR is not kept. */
    public void keep(String uetr, String messageId, String channelBic, byte[] xml) {
        try {
            jdbc.update("INSERT INTO adapter_inbound_instruction (uetr, message_id, channel_bic, xml, received_at)"
                            + " VALUES (?, ?, ?, ?, ?)", uetr, messageId, channelBic,
                    new String(xml, StandardCharsets.UTF_8), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException firstOneWins) {
            // The core decides whether the second one is a repeat or a duplicate; the first stays the original.
        }
    }

    public Optional<byte[]> original(String uetr) {
        return jdbc.queryForList("SELECT xml FROM adapter_inbound_instruction WHERE uetr = ?", String.class, uetr)
                .stream().findFirst().map(xml -> xml.getBytes(StandardCharsets.UTF_8));
    }
}
