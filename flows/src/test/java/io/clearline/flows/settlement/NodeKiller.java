package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.FaultyDataSource.invoke;
import static io.clearline.flows.settlement.FaultyDataSource.proxy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Kills a node at its N-th database event: a statement about to be prepared (it never runs, and its
 * database transaction never commits) or a commit that has just returned (its writes are durable, and
 * nothing after them happens). From then on the node is dead: every further use of its data source
 * throws {@link NodeDied}, on every thread, so nothing it would still do reaches the database. Only
 * closing and rolling back pass, as the database drops a dead process's connections and their
 * uncommitted work.
 *
 * <p>Events are counted from {@link #killAt} (or {@link #killAtWrite}, which counts only writes); before
 * it the node runs as usual (its setup is not a kill point). Every event since is kept, described, so a
 * kill point can name where it struck.
 */
final class NodeKiller {
    /** What still reaches a dead node's connections: the database closes them, rolling back their uncommitted work. */
    private static final Set<String> ALLOWED_WHEN_DEAD = Set.of("close", "rollback", "isClosed");
    /** How the description of a commit event begins. */
    static final String AFTER_COMMIT = "after committing ";
    private static final Pattern STATEMENT = Pattern.compile(
            "^SELECT\\b.*?\\bFROM (\\w+)|^(INSERT INTO|DELETE FROM|MERGE INTO|UPDATE) (\\w+)",
            Pattern.CASE_INSENSITIVE);

    private final DataSource target;
    private final List<String> events = new ArrayList<>();
    private int killAtEvent = Integer.MAX_VALUE;
    private boolean counting;
    private boolean writesOnly;
    private String killedAt;

    NodeKiller(DataSource target) {
        this.target = target;
    }

    /** Counts events from now and kills the node at the {@code event}-th (from 1): see the class comment. */
    void killAt(int event) {
        arm(event, false);
    }

    /**
     * As {@link #killAt}, counting only the events that change the database: a statement that writes,
     * about to run, and a commit of writes. Between two of them a node's death leaves the same database.
     */
    void killAtWrite(int write) {
        arm(write, true);
    }

    private synchronized void arm(int event, boolean countWritesOnly) {
        if (event < 1) {
            throw new IllegalArgumentException("events are counted from 1, not " + event);
        }
        events.clear();
        killAtEvent = event;
        writesOnly = countWritesOnly;
        counting = true;
    }

    /** Every event since {@link #killAt}, described, up to and including the one that killed the node. */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The event that killed the node, or null while it lives. */
    synchronized String killedAt() {
        return killedAt;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, (self, method, args) -> {
            checkAlive(method.getName());
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    private Connection connection(Connection connection) {
        Set<String> writes = new LinkedHashSet<>();
        return proxy(Connection.class, (self, method, args) -> {
            checkAlive(method.getName());
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                String statement = describe(sql);
                boolean write = !statement.startsWith("SELECT");
                if (write) {
                    writes.add(statement);
                }
                event("before " + statement, write, false);
            }
            Object result = invoke(connection, method, args);
            if (method.getName().equals("commit") && !writes.isEmpty()) {
                // A commit of reads only changes nothing: dying after it is dying before the next statement.
                String committed = AFTER_COMMIT + String.join(", ", writes);
                writes.clear();
                event(committed, true, true);
            } else if (method.getName().equals("rollback")) {
                writes.clear();
            }
            return result;
        });
    }

    /** Counts one event; kills the node if it is the one. A commit is counted after it returned. */
    private synchronized void event(String description, boolean write, boolean afterCommit) {
        if (!counting || (writesOnly && !write)) {
            return;
        }
        events.add(description);
        if (events.size() == killAtEvent) {
            killedAt = description;
            throw new NodeDied((afterCommit ? "" : "just ") + description);
        }
    }

    private synchronized void checkAlive(String methodName) {
        if (killedAt != null && !ALLOWED_WHEN_DEAD.contains(methodName)) {
            throw new NodeDied("earlier, " + killedAt + "; it cannot " + methodName);
        }
    }

    /** "INSERT INTO flow_journal", "SELECT FROM ledger_vault_state": what a statement does, to which table. */
    private static String describe(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        Matcher matcher = STATEMENT.matcher(oneLine);
        if (!matcher.find()) {
            return oneLine;
        }
        return matcher.group(1) != null ? "SELECT FROM " + matcher.group(1)
                : matcher.group(2).toUpperCase(Locale.ROOT) + " " + matcher.group(3);
    }
}
