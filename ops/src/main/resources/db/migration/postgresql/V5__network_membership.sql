-- The signed membership list (flows/ network package): one row per epoch this node published or accepted,
-- as a record of who was a member when. The same as MembershipStore creates on H2.
-- canonical_list and signature are base64 text; cause is what made the publisher sign the epoch (an
-- event's id), null for a list a follower accepted, and its unique index keeps one epoch per cause.

CREATE TABLE IF NOT EXISTS network_membership (
    epoch BIGINT PRIMARY KEY,
    canonical_list VARCHAR NOT NULL,
    signature VARCHAR(200) NOT NULL,
    signer VARCHAR(64) NOT NULL,
    cause VARCHAR(200),
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS network_membership_cause ON network_membership (cause);
