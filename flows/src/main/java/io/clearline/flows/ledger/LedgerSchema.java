package io.clearline.flows.ledger;

/** Creates the ledger's tables and indexes if missing. SQL that runs on H2 2.x and PostgreSQL 15. */
public final class LedgerSchema {
    private static final String[] STATEMENTS = {
        """
        CREATE TABLE IF NOT EXISTS ledger_identity (
            name VARCHAR(200) PRIMARY KEY,
            public_key VARCHAR(64) NOT NULL,
            private_key VARCHAR(64) NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
        "CREATE UNIQUE INDEX IF NOT EXISTS ledger_identity_public_key ON ledger_identity (public_key)",
        """
        CREATE TABLE IF NOT EXISTS ledger_notary_commit (
            state_ref VARCHAR(100) PRIMARY KEY,
            consuming_transaction_id VARCHAR(64) NOT NULL,
            committed_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS ledger_transaction (
            holder VARCHAR(200) NOT NULL,
            transaction_id VARCHAR(64) NOT NULL,
            signed_transaction VARCHAR NOT NULL,
            notarised_at TIMESTAMP WITH TIME ZONE NOT NULL,
            recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (holder, transaction_id))""",
        "CREATE INDEX IF NOT EXISTS ledger_transaction_by_id ON ledger_transaction (transaction_id)",
        """
        CREATE TABLE IF NOT EXISTS ledger_vault_state (
            holder VARCHAR(200) NOT NULL,
            transaction_id VARCHAR(64) NOT NULL,
            output_index INTEGER NOT NULL,
            state_type VARCHAR(100) NOT NULL,
            contract_name VARCHAR(200) NOT NULL,
            owner_name VARCHAR(200),
            currency VARCHAR(3),
            amount_minor_units BIGINT,
            linear_id VARCHAR(100),
            consumed BOOLEAN NOT NULL,
            consuming_transaction_id VARCHAR(64),
            recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (holder, transaction_id, output_index))""",
        // Cash selection reads this index in its own order and stops at the amount, with no sort; the key
        // carries the amount, so selection and balance sums need not visit the table rows.
        """
        CREATE INDEX IF NOT EXISTS ledger_vault_state_selection
            ON ledger_vault_state (holder, state_type, owner_name, currency, consumed, transaction_id, output_index,
                amount_minor_units)""",
        // Its predecessor (the same columns up to consumed) is a prefix of the index above: only a write cost now.
        "DROP INDEX IF EXISTS ledger_vault_state_spendable",
        "CREATE INDEX IF NOT EXISTS ledger_vault_state_linear ON ledger_vault_state (holder, state_type, linear_id)",
        // Phase one of finality: a holder's copy of a transaction signed by its parties but not (yet) known to be
        // notarised. A table of its own, so that its states never reach ledger_vault_state before finality (they
        // cannot be selected, spent or counted) and a database made before two-phase finality needs no change to
        // its existing tables. Keyed by transaction first: finality and deletion find every holder's copy at once.
        """
        CREATE TABLE IF NOT EXISTS ledger_pending_transaction (
            transaction_id VARCHAR(64) NOT NULL,
            holder VARCHAR(200) NOT NULL,
            observer BOOLEAN NOT NULL,
            operation_key VARCHAR(200) NOT NULL,
            signed_transaction VARCHAR NOT NULL,
            recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (transaction_id, holder))""",
        // No index on its age or operation key: the table holds only transactions in flight, so the rare lookups
        // by those (recovery, a retry of a netting run) scan it, and every payment's two writes here stay cheap.
    };

    private LedgerSchema() {
    }

    public static void create(Jdbc jdbc) {
        jdbc.createIfMissing(STATEMENTS);
    }
}
