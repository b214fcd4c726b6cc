package io.clearline.ops.config;

import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.ops.ledger.ParticipantLedgerAdmission;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger this node hosts: the central bank (issuer), the notary and the regulator, and one
 * identity per admitted bank, in the node's own database. Flows run on virtual threads.
 */
@Configuration
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
                                    @Value("${clearline.network.regulator.name}") String regulator) {
        return ClearlineLedger.open(dataSource, clock, flowExecutor, centralBank, notary, regulator);
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
