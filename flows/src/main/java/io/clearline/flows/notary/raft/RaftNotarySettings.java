package io.clearline.flows.notary.raft;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * How a notary replica runs Raft. Every setting that matters is set explicitly on Ratis, never left
 * to its defaults.
 *
 * @param electionTimeoutMin   a follower that hears no leader for a random time between min and max stands
 * @param electionTimeoutMax   for election; the leader's heartbeats come well inside min
 * @param serverRequestTimeout how long a replica waits on a peer's reply (append, vote, snapshot chunk)
 * @param snapshotEveryEntries a replica snapshots its database after this many entries since its last one
 * @param snapshotsRetained    snapshot files kept per replica (the newest ones)
 * @param logSegmentBytesMax   the log is written in segments of this size; compaction removes whole segments
 * @param logPurgeGapEntries   the log is compacted only when a snapshot is this many entries past the last compaction
 * @param followerRetryWait    after ten quick retries, how long the leader waits between attempts to reach a
 *                             follower that does not answer; also how soon it notices one that came back
 */
public record RaftNotarySettings(Duration electionTimeoutMin, Duration electionTimeoutMax,
                                 Duration serverRequestTimeout, long snapshotEveryEntries, int snapshotsRetained,
                                 long logSegmentBytesMax, int logPurgeGapEntries, Duration followerRetryWait) {

    /** For a cluster on a network: elections in 1 to 2 s, a snapshot every 100,000 entries. */
    public static final RaftNotarySettings DEFAULTS = new RaftNotarySettings(Duration.ofMillis(1_000),
            Duration.ofMillis(2_000), Duration.ofSeconds(3), 100_000, 2, 32L * 1024 * 1024, 1_024,
            Duration.ofSeconds(1));
    /** Quick retries of a follower that does not answer, before waiting {@link #followerRetryWait} each time. */
    static final int FOLLOWER_QUICK_RETRIES = 10;
    /**
     * Retries at {@link #followerRetryWait} after the quick ones: Ratis's policy has a count, and this
     * one outlasts any outage (decades at one second).
     */
    static final int FOLLOWER_WAITING_RETRIES = 1_000_000_000;

    public RaftNotarySettings {
        Objects.requireNonNull(electionTimeoutMin, "electionTimeoutMin");
        Objects.requireNonNull(electionTimeoutMax, "electionTimeoutMax");
        Objects.requireNonNull(serverRequestTimeout, "serverRequestTimeout");
        Objects.requireNonNull(followerRetryWait, "followerRetryWait");
        if (electionTimeoutMin.isNegative() || electionTimeoutMin.isZero()
                || electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("election timeouts need 0 < min < max: "
                    + electionTimeoutMin + ", " + electionTimeoutMax);
        }
        if (snapshotEveryEntries < 1 || snapshotsRetained < 1 || logSegmentBytesMax < 1024 || logPurgeGapEntries < 1
                || followerRetryWait.toMillis() < 1) {
            throw new IllegalArgumentException("snapshot, log and retry limits are positive (segments at least 1 KiB)");
        }
    }

    /** Ratis properties for one replica listening on {@code host:port} and keeping its log in {@code raftFolder}. */
    RaftProperties toProperties(String host, int port, File raftFolder) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(properties, host);
        GrpcConfigKeys.Server.setPort(properties, port);
        RaftServerConfigKeys.setStorageDir(properties, List.of(raftFolder));

        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, millis(electionTimeoutMin));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, millis(electionTimeoutMax));
        RaftServerConfigKeys.Rpc.setRequestTimeout(properties, millis(serverRequestTimeout));

        // A read-only query (was this transaction committed?) is answered only after the leader has confirmed
        // its leadership and applied everything committed before it: a deposed leader never answers
        // NOT_COMMITTED for a transaction its successor committed, which recovery would then delete.
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, snapshotEveryEntries);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, snapshotsRetained);
        // A stop is treated like a crash: what a restart then exercises is the real recovery path.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);

        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(logSegmentBytesMax));
        RaftServerConfigKeys.Log.setPurgeGap(properties, logPurgeGapEntries);
        // Compact up to the snapshot even if a follower still needs older entries: it is sent the snapshot.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(properties, "1ms," + FOLLOWER_QUICK_RETRIES + ", "
                + followerRetryWait.toMillis() + "ms," + FOLLOWER_WAITING_RETRIES);
        return properties;
    }

    private static TimeDuration millis(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
