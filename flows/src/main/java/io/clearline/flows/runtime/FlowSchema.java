package io.clearline.flows.runtime;

import io.clearline.flows.ledger.Jdbc;

/**
 * Creates the durable flows' tables and indexes if missing: one checkpoint per flow id, and the
 * journal of its suspending calls. SQL that runs on H2 2.x and PostgreSQL 15.
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
    };

    private FlowSchema() {
    }

    public static void create(Jdbc jdbc) {
        jdbc.createIfMissing(STATEMENTS);
    }
}
