package io.clearline.ops.network;

import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.network.Member;
import io.clearline.flows.network.MemberRole;
import io.clearline.flows.network.MemberStatus;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.network.MembershipStore;
import io.clearline.flows.network.NetworkParameters;
import io.clearline.flows.settlement.ClearlineLedger;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The network's signed membership list on the central bank's node (on unless
 * {@code clearline.network.membership.publish=false}): its store, the network root key that signs it
 * (an identity of its own, never a ledger signing key), the first epoch with the central bank, the
 * notary and the regulator, and the event handler that publishes each change.
 */
@Configuration
@ConditionalOnProperty(name = "clearline.network.membership.publish", havingValue = "true", matchIfMissing = true)
public class NetworkMembershipConfiguration {

    @Bean
    MembershipStore membershipStore(DataSource dataSource, Clock clock) {
        return new MembershipStore(new Jdbc(dataSource), clock);
    }

    /** Publishes the first epoch at start if none exists, before the event processors run. */
    @Bean
    MembershipPublisher membershipPublisher(MembershipStore store, DataSource dataSource, Clock clock,
                                            ClearlineLedger ledger, NetworkSettings settings) {
        // The ledger's own identity service is its own; this one shares its table (opened by the ledger) for the
        // root key alone, so that the key survives restarts like every other key of this node.
        IdentityService identities = new IdentityService(new Jdbc(dataSource), clock);
        MembershipPublisher publisher = new MembershipPublisher(store, identities,
                identities.getOrCreate(settings.rootName()), clock);
        publisher.publishGenesis(new NetworkParameters(1, ledger.notary(), settings.notaryClusterMembers(),
                ledger.regulator(), settings.acceptedCurrencies(), settings.messageBytesMax(), clock.instant()),
                foundingMembers(ledger, settings));
        return publisher;
    }

    @Bean
    NetworkSettings networkSettings(
            @Value("${clearline.network.membership.root-name}") String rootName,
            @Value("${clearline.network.central-bank.name}") String centralBankName,
            @Value("${clearline.network.notary.cluster-members}") List<String> notaryClusterMembers,
            @Value("${clearline.network.accepted-currencies}") List<String> acceptedCurrencies,
            @Value("${clearline.network.message-bytes-max}") int messageBytesMax,
            @Value("${clearline.network.node-addresses:}") List<String> nodeAddresses) {
        return new NetworkSettings(rootName, centralBankName, notaryClusterMembers,
                acceptedCurrencies.stream().sorted().distinct().toList(), messageBytesMax,
                nodeAddresses.stream().filter(address -> !address.isBlank()).toList());
    }

    @Bean
    MembershipPublication membershipPublication(MembershipPublisher publisher, ClearlineLedger ledger,
                                                NetworkSettings settings) {
        return new MembershipPublication(publisher, ledger, settings.nodeAddresses());
    }

    /**
     * A tracking processor with the node's durable token (see {@link MembershipPublication}); an error
     * stops it and it retries the same event, instead of logging the event away.
     */
    @Bean
    ConfigurerModule membershipEventProcessing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(MembershipPublication.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(MembershipPublication.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    private static List<Member> foundingMembers(ClearlineLedger ledger, NetworkSettings settings) {
        Party centralBank = ledger.centralBank();
        return List.of(
                new Member(centralBank.name(), settings.centralBankName(), centralBank.name(), MemberRole.CENTRAL_BANK,
                        centralBank.publicKey(), MemberStatus.ACTIVE, settings.nodeAddresses()),
                new Member(ledger.notary().name(), ledger.notary().name(), null, MemberRole.NOTARY,
                        ledger.notary().publicKey(), MemberStatus.ACTIVE, settings.nodeAddresses()),
                new Member(ledger.regulator().name(), ledger.regulator().name(), null, MemberRole.REGULATOR,
                        ledger.regulator().publicKey(), MemberStatus.ACTIVE, settings.nodeAddresses()));
    }

    /**
     * @param nodeAddresses where this node answers, listed for every member it hosts; empty in the
     *                      embedded default, where every member is in this one process
     */
    record NetworkSettings(String rootName, String centralBankName, List<String> notaryClusterMembers,
                           List<String> acceptedCurrencies, int messageBytesMax, List<String> nodeAddresses) {
    }
}
