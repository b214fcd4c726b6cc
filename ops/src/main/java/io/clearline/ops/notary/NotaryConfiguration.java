package io.clearline.ops.notary;

import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.JdbcUniquenessService;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.notary.raft.RaftNotaryGroup;
import io.clearline.flows.notary.raft.RaftNotaryProbe;
import io.clearline.flows.notary.raft.RaftUniquenessService;
import io.clearline.flows.settlement.ClearlineLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.ratis.protocol.RaftGroup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where this node's notary decides uniqueness ({@code clearline.notary.mode}): {@code single} (the
 * default) in a table of the node's own database, or {@code raft} in a Raft notary cluster of separate
 * replica processes ({@code clearline notary}), given by {@code clearline.notary.raft.group-id} and
 * {@code clearline.notary.raft.peers}. In single mode the notary's key and its signing stay in this node;
 * in raft mode the cluster signs with its service key, and this node holds only its public key
 * ({@code clearline.notary.raft.service-public-key}, base64), refusing any answer not signed by it.
 * The {@code notary} health component (in the readiness group) and the notary's metrics follow the mode.
 */
@Configuration
public class NotaryConfiguration {
    public static final String MODE_PROPERTY = "clearline.notary.mode";
    public static final String SERVICE_PUBLIC_KEY_PROPERTY = "clearline.notary.raft.service-public-key";

    /** The configured mode, checked at start: a mode that is neither fails here, not on a missing bean. */
    public record NotaryMode(String value) {
        public NotaryMode {
            if (!"single".equals(value) && !"raft".equals(value)) {
                throw new IllegalArgumentException(MODE_PROPERTY + " is single or raft, not '" + value + "'");
            }
        }
    }

    @Bean
    NotaryMode notaryMode(@Value("${" + MODE_PROPERTY + ":single}") String mode) {
        return new NotaryMode(mode);
    }

    /** In raft mode, the notary party's key: the cluster's service key, whose private half this node never holds. */
    public record NotaryClusterKey(PublicKey publicKey) {
        public NotaryClusterKey {
            java.util.Objects.requireNonNull(publicKey, "publicKey");
        }

        static NotaryClusterKey parse(String base64) {
            if (base64 == null || base64.isBlank()) {
                throw new IllegalArgumentException(SERVICE_PUBLIC_KEY_PROPERTY + " is required in raft mode: the "
                        + "public key `clearline notary keygen` printed for the cluster's service key");
            }
            try {
                return new NotaryClusterKey(PublicKey.fromBase64(base64.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SERVICE_PUBLIC_KEY_PROPERTY + " is not a base64 Ed25519 public key: "
                        + e.getMessage(), e);
            }
        }
    }

    @Bean
    NotaryHealthIndicator notaryHealthIndicator(NotaryAvailability availability) {
        return new NotaryHealthIndicator(availability);
    }

    @Configuration
    @ConditionalOnProperty(name = MODE_PROPERTY, havingValue = "single", matchIfMissing = true)
    static class SingleNotary {
        /** Longer than any healthy database takes to confirm a connection, short enough for a probe. */
        static final Duration DATABASE_CHECK_TIMEOUT = Duration.ofSeconds(2);

        @Bean
        BatchingUniquenessService.BatchCommitter notaryCommitter(DataSource dataSource, MeterRegistry registry) {
            return new MeteredNotaryCommitter(new JdbcUniquenessService(new Jdbc(dataSource)), registry, "single",
                    ClearlineLedger.NOTARY_BATCH_SIZE_MAX);
        }

        @Bean
        NotaryAvailability notaryAvailability(DataSource dataSource) {
            return new DatabaseNotaryAvailability(dataSource, DATABASE_CHECK_TIMEOUT);
        }
    }

    @Configuration
    @ConditionalOnProperty(name = MODE_PROPERTY, havingValue = "raft")
    static class RaftNotary {
        @Bean
        RaftGroup notaryRaftGroup(@Value("${clearline.notary.raft.group-id}") String groupId,
                                  @Value("${clearline.notary.raft.peers}") String peers) {
            return RaftNotaryGroup.parse(groupId, peers);
        }

        @Bean
        NotaryClusterKey notaryClusterKey(@Value("${" + SERVICE_PUBLIC_KEY_PROPERTY + ":}") String base64) {
            return NotaryClusterKey.parse(base64);
        }

        /** Closed on shutdown: a flow still waiting for the cluster then fails, and resumes at the next start. */
        @Bean(destroyMethod = "close")
        RaftUniquenessService raftUniquenessService(RaftGroup group, NotaryClusterKey serviceKey,
                                                    @Value("${clearline.notary.raft.send-timeout}") Duration sendTimeout,
                                                    @Value("${clearline.notary.raft.sends-per-round}") int sendsPerRound,
                                                    @Value("${clearline.notary.raft.backoff-min}") Duration backoffMin,
                                                    @Value("${clearline.notary.raft.backoff-max}") Duration backoffMax) {
            return new RaftUniquenessService(group, new RaftUniquenessService.Limits(sendTimeout, sendsPerRound,
                    backoffMin, backoffMax), serviceKey.publicKey());
        }

        @Bean
        BatchingUniquenessService.BatchCommitter notaryCommitter(RaftUniquenessService cluster, MeterRegistry registry) {
            return new MeteredNotaryCommitter(cluster, registry, "raft", ClearlineLedger.NOTARY_BATCH_SIZE_MAX);
        }

        @Bean(destroyMethod = "close")
        RaftNotaryProbe raftNotaryProbe(RaftGroup group,
                                        @Value("${clearline.notary.raft.probe-timeout}") Duration probeTimeout) {
            return new RaftNotaryProbe(group, probeTimeout);
        }

        @Bean
        NotaryAvailability notaryAvailability(RaftNotaryProbe probe) {
            return new RaftNotaryAvailability(probe);
        }
    }
}
