-- A gap-free global index for the event store, handed out in commit order.
--
-- Axon's tracking processors read domainevententry in global index order. With a sequence (BIGSERIAL, as
-- before), a transaction that rolls back leaves a gap, and one that takes its number first but commits after
-- a later one is seen out of order: a reader at index k sees k+1 before k commits. Axon then tracks the gap
-- and waits for it, and a gap it has stopped waiting for is an event a processor never handles.
--
-- Here an event is inserted with a provisional, negative index from a sequence (Axon's insert names no
-- global index, so the column default gives it), and numbered for good when its transaction commits: a
-- deferred trigger takes the next number from a single counter row. Updating that row keeps it locked until
-- the commit is done, so the next committer waits for it and numbers are handed out in commit order; every
-- reader sees a prefix of 1..n. A transaction that rolls back never took a number, so there are no gaps.
-- No reader ever sees a provisional index: the rows become visible at the commit that renumbered them.
--
-- Why at commit and not at insert (a BEFORE INSERT trigger taking the counter): that would hold the counter
-- from a transaction's first event to its commit, through whatever the unit of work does next. An Axon unit
-- of work that appends, then dispatches a command to another aggregate, would wait for that aggregate's lock
-- while holding the counter, and the lock's holder, appending its own events, would wait for the counter: a
-- deadlock PostgreSQL cannot see, broken only by Axon's lock timeout. Taken at commit, the counter is held
-- only while the committing transaction renumbers its own rows, and nothing else is waited for meanwhile.
--
-- The price: commits of events are serialised (one at a time, for the renumbering and the commit with its
-- WAL flush, so they no longer share a flush), and every event row is written twice (BENCHMARKS.md has the
-- measured cost: about 230 appending transactions per second on this machine's disk, against 600 to 750). It relies on
-- READ COMMITTED, PostgreSQL's and the node's isolation: a waiting committer then re-reads the committed
-- counter (under REPEATABLE READ it would fail with a serialisation error). A client that sets this
-- constraint IMMEDIATE gets its numbers at insert, still gap-free and in commit order, but holds the counter
-- longer.

CREATE TABLE event_global_index_counter (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_global_index BIGINT NOT NULL CHECK (last_global_index >= 0))
    -- Every commit of events updates the one row: room on its page keeps each new row version there (HOT).
    WITH (fillfactor = 10);

-- A database with events carries on from its highest index (a sequence may have left gaps behind it).
INSERT INTO event_global_index_counter (singleton, last_global_index)
    SELECT 1, coalesce(max(globalindex), 0) FROM domainevententry;

-- Provisional indexes are negative, apart from every committed one. Not cycling: 2^63 inserts is no limit
-- a node reaches, and reusing a provisional index could collide with one still in flight.
CREATE SEQUENCE domainevententry_provisional_index AS BIGINT
    INCREMENT BY -1 MINVALUE -9223372036854775808 MAXVALUE -1 START WITH -1 NO CYCLE;
ALTER TABLE domainevententry ALTER COLUMN globalindex SET DEFAULT nextval('domainevententry_provisional_index');
DROP SEQUENCE IF EXISTS domainevententry_globalindex_seq;

CREATE FUNCTION domainevententry_number_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    committed_index BIGINT;
BEGIN
    UPDATE event_global_index_counter SET last_global_index = last_global_index + 1 WHERE singleton = 1
        RETURNING last_global_index INTO committed_index;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'event_global_index_counter has no row: the event store cannot number events';
    END IF;
    UPDATE domainevententry SET globalindex = committed_index WHERE globalindex = NEW.globalindex;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'event % is gone before its commit: it cannot be numbered', NEW.eventidentifier;
    END IF;
    RETURN NULL;
END
$$;

-- Deferred row triggers fire at commit in the order the rows were inserted, so a transaction's events keep
-- their order.
CREATE CONSTRAINT TRIGGER domainevententry_global_index AFTER INSERT ON domainevententry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION domainevententry_number_at_commit();
