-- Flow sessions (flows/ runtime): each party's side of a session, the inbox that drops duplicate and holds
-- early messages, and the outbox written in the journal's database transaction and resent until the peer
-- acknowledges. The same as FlowSchema creates on H2. Closed sessions stay, so late duplicates are dropped.

CREATE TABLE IF NOT EXISTS flow_session (
    session_id VARCHAR(64) NOT NULL,
    local_party VARCHAR(200) NOT NULL,
    flow_id VARCHAR(200) NOT NULL,
    counterparty VARCHAR(200) NOT NULL,
    counterparty_node VARCHAR(200) NOT NULL,
    session_status VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, local_party));
CREATE INDEX IF NOT EXISTS flow_session_by_flow ON flow_session (flow_id);

CREATE TABLE IF NOT EXISTS flow_inbox (
    session_id VARCHAR(64) NOT NULL,
    recipient_party VARCHAR(200) NOT NULL,
    sequence_number BIGINT NOT NULL,
    message_kind VARCHAR(8) NOT NULL,
    payload VARCHAR NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, recipient_party, sequence_number));

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
    PRIMARY KEY (session_id, recipient_party, sequence_number));
CREATE INDEX IF NOT EXISTS flow_outbox_by_age ON flow_outbox (created_at, session_id, recipient_party, sequence_number);
