package io.clearline.ops.config;

import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.flows.settlement.PendingResolution;
import io.clearline.ops.ledger.ParticipantLedgerAdmission;
import io.clearline.ops.notary.NotaryConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The ledger this node hosts: the central bank (issuer), the notary and the regulator, and one
 * identity per admitted bank, in the node's own database. Flows run on virtual threads. The notary's
 * uniqueness is decided where {@link io.clearline.ops.notary.NotaryConfiguration} says (this database, or
 * a Raft notary cluster); in single mode its key and signing stay here, in raft mode the cluster signs
 * with its service key and this node knows the notary by that public key only. Its sessions travel on the
 * transport {@link io.clearline.ops.transport.TransportConfiguration} gives it (in memory, or HTTP/2 over
 * mutual TLS).
 */
@Configuration
@EnableScheduling
public class LedgerConfiguration {

    /** Closed on shutdown, which waits for the flows in progress to finish. */
    @Bean(destroyMethod = "close")
    ExecutorService flowExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("flow-", 0).factory());
    }

    @Bean
    ClearlineLedger clearlineLedger(DataSource dataSource, Clock clock, ExecutorService flowExecutor,
                                    @Value("${clearline.network.central-bank.bic}") String centralBank,
                                    @Value("${clearline.network.notary.name}") String notary,
                                    @Value("${clearline.network.regulator.name}") String regulator,
                                    BatchingUniquenessService.BatchCommitter notaryCommitter,
                                    ObjectProvider<NotaryConfiguration.NotaryClusterKey> notaryClusterKey,
                                    ClearlineLedger.Node node) {
        NotaryConfiguration.NotaryClusterKey clusterKey = notaryClusterKey.getIfAvailable();
        return ClearlineLedger.open(dataSource, clock, flowExecutor, centralBank, notary, regulator,
                clusterKey == null ? node.withNotaryCommitter(notaryCommitter)
                        : node.withNotaryCluster(notaryCommitter, clusterKey.publicKey()));
    }

    /**
     * Finishes ledger transactions left pending by a node that died between notarisation and finality:
     * the ledger resolves them once at open; this repeats it, so that one the notary could not be
     * reached for then is finished when it can. Each run takes a bounded batch; the next run the rest.
     */
    @Bean
    @ConditionalOnProperty(name = "clearline.ledger.pending-recovery.enabled", havingValue = "true",
            matchIfMissing = true)
    PendingTransactionRecovery pendingTransactionRecovery(ClearlineLedger ledger) {
        return new PendingTransactionRecovery(ledger);
    }

    static class PendingTransactionRecovery {
        private static final System.Logger LOG = System.getLogger(PendingTransactionRecovery.class.getName());
        private final ClearlineLedger ledger;

        PendingTransactionRecovery(ClearlineLedger ledger) {
            this.ledger = ledger;
        }

        @Scheduled(initialDelayString = "${clearline.ledger.pending-recovery.interval:PT1M}",
                fixedDelayString = "${clearline.ledger.pending-recovery.interval:PT1M}")
        void resolve() {
            try {
                PendingResolution resolution = ledger.resolvePendingTransactions();
                if (resolution.finalised() + resolution.deleted() + resolution.unresolved() > 0) {
                    LOG.log(System.Logger.Level.WARNING, "pending ledger transactions resolved: " + resolution);
                }
            } catch (RuntimeException e) {
                // The next run tries again; a notary that is down must not stop the schedule.
                LOG.log(System.Logger.Level.ERROR, "resolving pending ledger transactions failed", e);
            }
        }
    }

    @Bean
    LedgerPort ledgerPort(ClearlineLedger ledger) {
        return ledger.ledgerPort();
    }

    @Bean
    ParticipantLedgerAdmission participantLedgerAdmission(ClearlineLedger ledger,
                                                          @Value("${clearline.data-dir}") Path dataDir) {
        return new ParticipantLedgerAdmission(ledger, dataDir.resolve("banks"));
    }
}
