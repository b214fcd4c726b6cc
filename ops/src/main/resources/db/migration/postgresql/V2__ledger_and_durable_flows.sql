-- The ledger (flows/): identities, notary commits, transactions and vault states, transactions pending
-- finality, cash issued and redeemed, the regulator's audit lines, and the durable flows' checkpoints and
-- journals. The same tables, columns and indexes as flows' LedgerSchema, FlowSchema, CashIssuances,
-- CashRedemptions and RegulatorAudit create on H2 (PostgresSchemaEquivalenceTest keeps them equal).
-- Documents (signed transactions, flow arguments and journal values) are text, as the code reads them.

CREATE TABLE IF NOT EXISTS ledger_identity (
    name VARCHAR(200) PRIMARY KEY,
    public_key VARCHAR(64) NOT NULL,
    private_key VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_identity_public_key ON ledger_identity (public_key);

CREATE TABLE IF NOT EXISTS ledger_notary_commit (
    state_ref VARCHAR(100) PRIMARY KEY,
    consuming_transaction_id VARCHAR(64) NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL);

CREATE TABLE IF NOT EXISTS ledger_transaction (
    holder VARCHAR(200) NOT NULL,
    transaction_id VARCHAR(64) NOT NULL,
    signed_transaction VARCHAR NOT NULL,
    notarised_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (holder, transaction_id));
CREATE INDEX IF NOT EXISTS ledger_transaction_by_id ON ledger_transaction (transaction_id);

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
    PRIMARY KEY (holder, transaction_id, output_index));
-- Cash selection reads this index in its own order and stops at the amount; see LedgerSchema.
CREATE INDEX IF NOT EXISTS ledger_vault_state_selection
    ON ledger_vault_state (holder, state_type, owner_name, currency, consumed, transaction_id, output_index,
        amount_minor_units);
-- A database made by an early version may still have the selection index's predecessor, now only a write cost.
DROP INDEX IF EXISTS ledger_vault_state_spendable;
CREATE INDEX IF NOT EXISTS ledger_vault_state_linear ON ledger_vault_state (holder, state_type, linear_id);

CREATE TABLE IF NOT EXISTS ledger_pending_transaction (
    transaction_id VARCHAR(64) NOT NULL,
    holder VARCHAR(200) NOT NULL,
    observer BOOLEAN NOT NULL,
    operation_key VARCHAR(200) NOT NULL,
    signed_transaction VARCHAR NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (transaction_id, holder));

CREATE TABLE IF NOT EXISTS ledger_cash_issuance (
    transfer_id VARCHAR(100) PRIMARY KEY,
    transaction_id VARCHAR(64) NOT NULL,
    participant VARCHAR(200) NOT NULL,
    currency VARCHAR(3) NOT NULL,
    amount_minor_units BIGINT NOT NULL,
    issued_at TIMESTAMP WITH TIME ZONE NOT NULL);
CREATE INDEX IF NOT EXISTS ledger_cash_issuance_currency ON ledger_cash_issuance (currency);

CREATE TABLE IF NOT EXISTS ledger_cash_redemption (
    transfer_id VARCHAR(100) PRIMARY KEY,
    transaction_id VARCHAR(64) NOT NULL,
    participant VARCHAR(200) NOT NULL,
    currency VARCHAR(3) NOT NULL,
    amount_minor_units BIGINT NOT NULL,
    redeemed_at TIMESTAMP WITH TIME ZONE NOT NULL);
CREATE INDEX IF NOT EXISTS ledger_cash_redemption_currency ON ledger_cash_redemption (currency);

CREATE TABLE IF NOT EXISTS ledger_audit (
    transaction_id VARCHAR(64) NOT NULL,
    line_number INTEGER NOT NULL,
    kind VARCHAR(20) NOT NULL,
    currency VARCHAR(3),
    issued_minor_units BIGINT NOT NULL,
    circulation_change_minor_units BIGINT NOT NULL,
    failed_rule VARCHAR(1000),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (transaction_id, line_number));

CREATE TABLE IF NOT EXISTS flow_checkpoint (
    flow_id VARCHAR(200) PRIMARY KEY,
    flow_class VARCHAR(300) NOT NULL,
    arguments VARCHAR NOT NULL,
    flow_status VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    last_error VARCHAR(2000),
    flow_result VARCHAR,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL);
CREATE INDEX IF NOT EXISTS flow_checkpoint_by_status ON flow_checkpoint (flow_status, created_at, flow_id);
CREATE INDEX IF NOT EXISTS flow_checkpoint_by_status_and_id ON flow_checkpoint (flow_status, flow_id);

CREATE TABLE IF NOT EXISTS flow_journal (
    flow_id VARCHAR(200) NOT NULL REFERENCES flow_checkpoint (flow_id),
    sequence_number INTEGER NOT NULL,
    step_name VARCHAR(100) NOT NULL,
    step_value VARCHAR NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (flow_id, sequence_number));
