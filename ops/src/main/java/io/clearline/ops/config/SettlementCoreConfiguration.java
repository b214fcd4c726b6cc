package io.clearline.ops.config;

import io.clearline.core.LeastRecentlyUsedCache;
import io.clearline.core.ProcessorSettings;
import io.clearline.core.SettlementCoreModule;
import io.clearline.core.businessday.api.AfterCutOffHandling;
import io.clearline.core.businessday.api.RegisterNetworkCommand;
import io.clearline.core.businessday.api.SetAfterCutOffHandlingCommand;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.ops.ledger.ParticipantLedgerAdmission;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Registers the settlement core with Axon. The projections live in memory and are rebuilt from the
 * event store at every start, so their tokens must live in memory too (a durable token would skip
 * the replay and leave them empty); the sagas' tokens and state stay in the database.
 */
@Configuration
public class SettlementCoreConfiguration {
    private final AfterCutOffHandling afterCutOffHandling;
    private final int liquidityAccountEventsBetweenSnapshots;
    private final ProcessorSettings processors;
    private final int liquidityAccountsCachedMax;

    /**
     * @param afterCutOffHandling what the network does with payments after a cut-off: REJECT or WAREHOUSE
     * @param liquidityAccountEventsBetweenSnapshots events between two snapshots of a liquidity account
     * @param paymentSettlementSagaSegments segments (threads) of the payment settlement saga's processor
     * @param processorBatchSizeMax events the sagas and projections handle in one unit of work at most
     * @param processorKind POOLED (streaming processors) or TRACKING, for every saga, policy and projection
     * @param processorTokenClaimInterval how often a pooled processor looks for unclaimed segments
     * @param processorClaimExtensionThreshold how long an idle pooled processor's claim goes unrenewed
     * @param liquidityAccountsCachedMax liquidity accounts kept in memory between commands at most
     */
    SettlementCoreConfiguration(
            @Value("${clearline.business-day.after-cut-off:REJECT}") AfterCutOffHandling afterCutOffHandling,
            @Value("${clearline.core.liquidity-account.events-between-snapshots:"
                    + SettlementCoreModule.LIQUIDITY_ACCOUNT_EVENTS_BETWEEN_SNAPSHOTS_DEFAULT + "}")
            int liquidityAccountEventsBetweenSnapshots,
            @Value("${clearline.core.processors.payment-settlement-saga.segments:1}") int paymentSettlementSagaSegments,
            @Value("${clearline.core.processors.batch-size-max:1}") int processorBatchSizeMax,
            @Value("${clearline.core.processors.kind:POOLED}") ProcessorSettings.Kind processorKind,
            @Value("${clearline.core.processors.token-claim-interval:PT5S}") Duration processorTokenClaimInterval,
            @Value("${clearline.core.processors.claim-extension-threshold:PT5S}")
            Duration processorClaimExtensionThreshold,
            @Value("${clearline.core.liquidity-account.cached-max:10000}") int liquidityAccountsCachedMax) {
        this.afterCutOffHandling = afterCutOffHandling;
        this.liquidityAccountEventsBetweenSnapshots = liquidityAccountEventsBetweenSnapshots;
        this.processors = new ProcessorSettings(processorKind, paymentSettlementSagaSegments, processorBatchSizeMax,
                processorTokenClaimInterval, processorClaimExtensionThreshold);
        this.liquidityAccountsCachedMax = liquidityAccountsCachedMax;
    }

    /**
     * The network's business-day aggregate exists from the first start, with no day until the operator or
     * the schedule opens one: every payment's business-day check then reads it from the aggregate cache,
     * instead of searching the event store for an aggregate that was never created (and logging that).
     * The after-cut-off handling of the node's configuration is then recorded there, as an event whenever
     * it changes, so that each payment's fate after a cut-off can be traced to the setting in force.
     */
    @EventListener(ApplicationReadyEvent.class)
    void registerNetwork(ApplicationReadyEvent ready) {
        CommandGateway commands = ready.getApplicationContext().getBean(CommandGateway.class);
        commands.sendAndWait(new RegisterNetworkCommand());
        commands.sendAndWait(new SetAfterCutOffHandlingCommand(afterCutOffHandling));
    }

    @Bean
    ConfigurerModule settlementCore() {
        return configurer -> {
            SettlementCoreModule.registerHandlers(configurer, new WeakReferenceCache(),
                    new LeastRecentlyUsedCache(liquidityAccountsCachedMax), liquidityAccountEventsBetweenSnapshots,
                    processors);
            configurer.eventProcessing(processing -> {
                ProcessingGroups.PROJECTIONS.forEach(
                        group -> processing.registerTokenStore(group, configuration -> new InMemoryTokenStore()));
                processing.registerSubscribingEventProcessor(ParticipantLedgerAdmission.PROCESSING_GROUP);
            });
        };
    }
}
