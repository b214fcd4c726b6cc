package io.clearline.ops.config;

import io.clearline.core.SettlementCoreModule;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.ops.ledger.ParticipantLedgerAdmission;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the settlement core with Axon. The projections live in memory and are rebuilt from the
 * event store at every start, so their tokens must live in memory too (a durable token would skip
 * the replay and leave them empty); the sagas' tokens and state stay in the database.
 */
@Configuration
public class SettlementCoreConfiguration {

    @Bean
    ConfigurerModule settlementCore() {
        return configurer -> {
            SettlementCoreModule.registerHandlers(configurer, new WeakReferenceCache());
            configurer.eventProcessing(processing -> {
                ProcessingGroups.PROJECTIONS.forEach(
                        group -> processing.registerTokenStore(group, configuration -> new InMemoryTokenStore()));
                processing.registerSubscribingEventProcessor(ParticipantLedgerAdmission.PROCESSING_GROUP);
            });
        };
    }
}
