-- Flow sessions (flows/ runtime), the same as FlowSchema adds on H2. The next sequence number each side
-- sends on a session, kept with the envelopes that move it, so that killing a flow with no live context
-- (a parked one) tells its counterparties with the number their receives wait for. When a session was
-- closed, and the indexes the periodic purge of closed sessions and of inbox rows nobody reads uses.

ALTER TABLE flow_session ADD COLUMN IF NOT EXISTS next_send_sequence BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE flow_session ADD COLUMN IF NOT EXISTS closed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS flow_session_by_closing ON flow_session (session_status, closed_at);
CREATE INDEX IF NOT EXISTS flow_inbox_by_age ON flow_inbox (received_at);
