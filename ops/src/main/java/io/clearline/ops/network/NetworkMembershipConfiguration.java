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
import io.clearline.ops.notary.NotaryConfiguration;
import io.clearline.flows.network.MembershipFollower;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The network's signed membership list at this node ({@code clearline.network.membership.mode}):
 * {@code publish} (the default, the central bank's node) signs each epoch with the network root key (an
 * identity of its own, never a ledger signing key), starting with the central bank, the notary and the
 * regulator, and publishes each participant change; {@code follow} (every other node) keeps the central
 * bank's list (see {@link MembershipFollowingConfiguration}). Either way the list this node holds is in
 * table {@code network_membership}, served at {@code GET /api/network/membership}, reported by the
 * {@code membership} health component and the {@code clearline_network_membership_*} gauges.
 */
@Configuration
public class NetworkMembershipConfiguration {
    public static final String MODE_PROPERTY = "clearline.network.membership.mode";
    private static final Logger log = LoggerFactory.getLogger(NetworkMembershipConfiguration.class);

    /** The configured mode, checked at start: a mode that is neither fails here, not on a missing bean. */
    public record MembershipMode(String value) {
        public MembershipMode {
            if (!"publish".equals(value) && !"follow".equals(value)) {
                throw new IllegalArgumentException(MODE_PROPERTY + " is publish or follow, not '" + value + "'");
            }
        }

        boolean follows() {
            return "follow".equals(value);
        }
    }

    @Bean
    MembershipMode membershipMode(@Value("${" + MODE_PROPERTY + ":publish}") String mode) {
        return new MembershipMode(mode);
    }

    @Bean
    MembershipStore membershipStore(DataSource dataSource, Clock clock) {
        return new MembershipStore(new Jdbc(dataSource), clock);
    }

    @Bean
    MembershipGauges membershipGauges(MeterRegistry registry, MembershipStore store,
                                      ObjectProvider<MembershipFollower> follower, Clock clock) {
        return new MembershipGauges(registry, store, follower.getIfAvailable(), clock);
    }

    /** The {@code membership} health component; outside the readiness group (see {@link MembershipHealthIndicator}). */
    @Bean
    MembershipHealthIndicator membershipHealthIndicator(MembershipMode mode, MembershipStore store,
                                                        ObjectProvider<MembershipFollower> follower,
                                                        ObjectProvider<MembershipFollowingConfiguration.FollowSettings> settings,
                                                        ObjectProvider<MembershipPublisher> publisher, Clock clock) {
        return new MembershipHealthIndicator(mode.value(), store, follower.getIfAvailable(), settings.getIfAvailable(),
                publisher.getIfAvailable(), clock);
    }

    /** The central bank's node: signs and publishes the list. */
    @Configuration
    @ConditionalOnProperty(name = MODE_PROPERTY, havingValue = "publish", matchIfMissing = true)
    static class Publishing {
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
                    settings.notaryClusterGroup(), ledger.regulator(), settings.acceptedCurrencies(),
                    settings.messageBytesMax(), clock.instant()),
                    foundingMembers(ledger, settings));
            return publisher;
        }

        @Bean
        NetworkSettings networkSettings(
                @Value("${clearline.network.membership.root-name}") String rootName,
                @Value("${clearline.network.central-bank.name}") String centralBankName,
                @Value("${clearline.network.notary.cluster-members:}") List<String> notaryClusterMembers,
                @Value("${clearline.network.notary.name}") String notaryName,
                @Value("${" + NotaryConfiguration.MODE_PROPERTY + ":single}") String notaryMode,
                @Value("${clearline.notary.raft.peers:}") List<String> raftPeers,
                @Value("${clearline.notary.raft.group-id:}") String raftGroup,
                @Value("${clearline.network.accepted-currencies}") List<String> acceptedCurrencies,
                @Value("${clearline.network.message-bytes-max}") int messageBytesMax,
                @Value("${clearline.network.node-addresses:}") List<String> nodeAddresses) {
            return new NetworkSettings(rootName, centralBankName,
                    notaryCluster(notaryClusterMembers, notaryName, notaryMode, raftPeers),
                    "raft".equals(notaryMode) ? raftGroup.strip() : null,
                    acceptedCurrencies.stream().sorted().distinct().toList(), messageBytesMax,
                    nonBlank(nodeAddresses));
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
    }

    /**
     * The notary's cluster as the list names it: what {@code clearline.network.notary.cluster-members} says,
     * or else the Raft replicas ({@code id@host:port}, as in {@code clearline.notary.raft.peers}) when the
     * notary is a Raft cluster, or the notary's name when it runs in this node.
     */
    static List<String> notaryCluster(List<String> configured, String notaryName, String notaryMode,
                                      List<String> raftPeers) {
        List<String> members = nonBlank(configured);
        if (!members.isEmpty()) {
            return members;
        }
        if ("raft".equals(notaryMode)) {
            List<String> replicas = nonBlank(raftPeers);
            if (replicas.isEmpty()) {
                throw new IllegalArgumentException("a Raft notary lists its replicas in clearline.notary.raft.peers");
            }
            return replicas;
        }
        return List.of(notaryName);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::strip).filter(value -> !value.isEmpty()).toList();
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
     * @param notaryClusterGroup the Raft group of the notary's replicas, null when the notary is no Raft cluster
     * @param nodeAddresses where this node answers, listed for every member it hosts; empty in the
     *                      embedded default, where every member is in this one process
     */
    record NetworkSettings(String rootName, String centralBankName, List<String> notaryClusterMembers,
                           String notaryClusterGroup, List<String> acceptedCurrencies, int messageBytesMax,
                           List<String> nodeAddresses) {
    }
}
