package io.clearline.flows.runtime;

import io.clearline.flows.ledger.Jdbc;

/**
 * Creates the durable flows' tables and indexes if missing: one checkpoint per flow id, the journal
 * of its suspending calls, and the sessions, inbox and outbox of flows that talk to other parties. SQL that runs on H2 2.x and PostgreSQL 15.
 */
public final class FlowSchema {
    private static final String[] STATEMENTS = {
        """
        CREATE TABLE IF NOT EXISTS flow_checkpoint (
            flow_id VARCHAR(200) PRIMARY KEY,
            flow_class VARCHAR(300) NOT NULL,
            arguments VARCHAR NOT NULL,
            flow_status VARCHAR(16) NOT NULL,
            attempts INTEGER NOT NULL,
            last_error VARCHAR(2000),
            flow_result VARCHAR,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
        // Operators list one status at a time, oldest first; start-up reads the RUNNABLE ones by id.
        "CREATE INDEX IF NOT EXISTS flow_checkpoint_by_status ON flow_checkpoint (flow_status, created_at, flow_id)",
        "CREATE INDEX IF NOT EXISTS flow_checkpoint_by_status_and_id ON flow_checkpoint (flow_status, flow_id)",
        """
        CREATE TABLE IF NOT EXISTS flow_journal (
            flow_id VARCHAR(200) NOT NULL REFERENCES flow_checkpoint (flow_id),
            sequence_number INTEGER NOT NULL,
            step_name VARCHAR(100) NOT NULL,
            step_value VARCHAR NOT NULL,
            recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (flow_id, sequence_number))""",
        // Sessions each local party takes part in: CLOSED ones are kept so that a late duplicate of their
        // messages is dropped, not stored for nobody.
        """
        CREATE TABLE IF NOT EXISTS flow_session (
            session_id VARCHAR(64) NOT NULL,
            local_party VARCHAR(200) NOT NULL,
            flow_id VARCHAR(200) NOT NULL,
            counterparty VARCHAR(200) NOT NULL,
            counterparty_node VARCHAR(200) NOT NULL,
            session_status VARCHAR(16) NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (session_id, local_party))""",
        "CREATE INDEX IF NOT EXISTS flow_session_by_flow ON flow_session (flow_id)",
        // Received and not yet consumed by a finished flow; the key drops duplicates, and a message
        // waits here until the receive for its sequence number asks for it.
        """
        CREATE TABLE IF NOT EXISTS flow_inbox (
            session_id VARCHAR(64) NOT NULL,
            recipient_party VARCHAR(200) NOT NULL,
            sequence_number BIGINT NOT NULL,
            message_kind VARCHAR(8) NOT NULL,
            payload VARCHAR NOT NULL,
            received_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (session_id, recipient_party, sequence_number))""",
        // Sent and not yet acknowledged: written in the database transaction of the journal entry that
        // sent it, resent until the recipient acknowledges.
        """
        CREATE TABLE IF NOT EXISTS flow_outbox (
            session_id VARCHAR(64) NOT NULL,
            recipient_party VARCHAR(200) NOT NULL,
            sequence_number BIGINT NOT NULL,
            sender_node VARCHAR(200) NOT NULL,
            sender_party VARCHAR(200) NOT NULL,
            recipient_node VARCHAR(200) NOT NULL,
            message_kind VARCHAR(8) NOT NULL,
            payload VARCHAR NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (session_id, recipient_party, sequence_number))""",
        "CREATE INDEX IF NOT EXISTS flow_outbox_by_age ON flow_outbox (created_at, session_id, recipient_party,"
                + " sequence_number)",
        // Added after the tables above (as migration V8 adds them on PostgreSQL), so that a database an
        // earlier version created gets them too. The next sequence number this side sends on the session,
        // kept with the envelopes that move it: a kill tells the counterparty of a flow with no live
        // context (parked, say) with it. And when the session was closed, so that closed sessions are
        // purged once no late duplicate of theirs can come any more.
        "ALTER TABLE flow_session ADD COLUMN IF NOT EXISTS next_send_sequence BIGINT DEFAULT 0 NOT NULL",
        "ALTER TABLE flow_session ADD COLUMN IF NOT EXISTS closed_at TIMESTAMP WITH TIME ZONE",
        "CREATE INDEX IF NOT EXISTS flow_session_by_closing ON flow_session (session_status, closed_at)",
        "CREATE INDEX IF NOT EXISTS flow_inbox_by_age ON flow_inbox (received_at)",
    };

    private FlowSchema() {
    }

    public static void create(Jdbc jdbc) {
        jdbc.createIfMissing(STATEMENTS);
    }
}
