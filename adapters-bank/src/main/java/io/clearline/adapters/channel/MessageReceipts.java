package io.clearline.adapters.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first answer to every accepted message, by sending bank and message id, so that a bank that
 * resends a message (after a time-out, a lost response) gets that answer again instead of a second
 * submission. The bytes' digest tells a resend from a new message that reuses a message id.
 */
public class MessageReceipts {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public MessageReceipts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void createSchemaIfMissing() {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS adapter_message_receipt (
                  channel_bic VARCHAR(11) NOT NULL,
                  message_id VARCHAR(35) NOT NULL,
                  content_digest VARCHAR(64) NOT NULL,
                  answer VARCHAR NOT NULL,
                  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
                  PRIMARY KEY (channel_bic, message_id))""");
    }

    /** What a message already received from this bank under this id means for a new arrival. */
    public sealed interface Earlier {
        /** The same bytes again: answer as the first time. */
        record SameMessage(InboundAnswer.Accepted firstAnswer) implements Earlier {
        }

        /** Another message under an id this bank already used. */
        record OtherMessage() implements Earlier {
        }
    }

    public Optional<Earlier> earlier(String channelBic, String messageId, byte[] xml) {
        return jdbc.query("SELECT content_digest, answer FROM adapter_message_receipt WHERE channel_bic = ?"
                        + " AND message_id = ?", (row, index) -> {
                    if (!row.getString("content_digest").equals(digest(xml))) {
                        return (Earlier) new Earlier.OtherMessage();
                    }
                    return new Earlier.SameMessage(read(row.getString("answer")));
                }, channelBic, messageId).stream().findFirst();
    }

    /** Keeps the first answer; a concurrent resend that got here second keeps nothing. */
    public void keep(String channelBic, byte[] xml, InboundAnswer.Accepted answer) {
        try {
            jdbc.update("INSERT INTO adapter_message_receipt (channel_bic, message_id, content_digest, answer,"
                            + " received_at) VALUES (?, ?, ?, ?, ?)", channelBic, answer.messageId(), digest(xml),
                    json.writeValueAsString(answer), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException firstOneWins) {
            // Both submissions were idempotent on their UETRs in the core; the first answer stands.
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an answer of strings always serializes", impossible);
        }
    }

    private InboundAnswer.Accepted read(String answer) {
        try {
            return json.readValue(answer, InboundAnswer.Accepted.class);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("a stored answer cannot be read back: " + corrupt.getMessage(), corrupt);
        }
    }

    private static String digest(byte[] xml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
