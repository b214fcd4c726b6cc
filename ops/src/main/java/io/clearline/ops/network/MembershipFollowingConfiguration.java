package io.clearline.ops.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.network.MembershipFollower;
import io.clearline.flows.network.MembershipRefusedException;
import io.clearline.flows.network.MembershipStore;
import io.clearline.flows.network.MembershipVerifier;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.settlement.ClearlineLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A node that follows the central bank's membership list ({@code clearline.network.membership.mode=follow}):
 * it asks {@code clearline.network.membership.follow.url} with the configured credentials, takes only a list
 * signed by the network root key it pins in its own configuration (never one the list brings) and of an
 * epoch above the one it holds, stores what it takes, starts from the stored list after a restart, and
 * gives the list to its ledger, which then resolves the banks it does not host from the list and refuses
 * a bank the list suspends or does not name.
 *
 * <p>A node whose database holds a list signed by another root does not start: its data belongs to
 * another network, or its configuration pins the wrong key, and either needs an operator.
 */
@Configuration
@ConditionalOnProperty(name = NetworkMembershipConfiguration.MODE_PROPERTY, havingValue = "follow")
public class MembershipFollowingConfiguration {
    static final String PREFIX = "clearline.network.membership.follow.";

    /**
     * What a follower is told, checked at start.
     *
     * @param staleAfter how long without a good answer from the central bank before the {@code membership}
     *                   health component goes down (the alert ClearlineMembershipStale uses the same figure)
     */
    public record FollowSettings(URI url, String username, String password, PublicKey networkRoot,
                                 Duration pollInterval, Duration backoffMax, Duration httpTimeout,
                                 Duration staleAfter) {
        public FollowSettings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(networkRoot, "networkRoot");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException(PREFIX + "url is the central bank's http(s) URL of "
                        + "/api/network/membership, not '" + url + "'");
            }
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException(PREFIX + "username names the user this node signs in as at the "
                        + "central bank's node");
            }
            Objects.requireNonNull(password, "password");
            if (httpTimeout.isNegative() || httpTimeout.isZero()) {
                throw new IllegalArgumentException(PREFIX + "http-timeout is positive, not " + httpTimeout);
            }
            if (staleAfter.compareTo(backoffMax) <= 0) {
                throw new IllegalArgumentException(PREFIX + "stale-after (" + staleAfter + ") is longer than "
                        + PREFIX + "backoff-max (" + backoffMax + "): a follower backing off is not yet stale");
            }
        }

        /** @throws IllegalArgumentException when the two intervals make no schedule */
        MembershipFollower.Settings schedule() {
            return new MembershipFollower.Settings(pollInterval, backoffMax);
        }
    }

    @Bean
    FollowSettings followSettings(@Value("${" + PREFIX + "url:}") String url,
                                  @Value("${" + PREFIX + "username:}") String username,
                                  @Value("${" + PREFIX + "password:}") String password,
                                  @Value("${" + PREFIX + "root-public-key:}") String rootPublicKey,
                                  @Value("${" + PREFIX + "root-public-key-file:}") String rootPublicKeyFile,
                                  @Value("${" + PREFIX + "poll-interval}") Duration pollInterval,
                                  @Value("${" + PREFIX + "backoff-max}") Duration backoffMax,
                                  @Value("${" + PREFIX + "http-timeout}") Duration httpTimeout,
                                  @Value("${" + PREFIX + "stale-after}") Duration staleAfter) {
        if (url.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "url is required on a following node: the central bank's "
                    + "http(s)://host:port/api/network/membership");
        }
        FollowSettings settings = new FollowSettings(URI.create(url.strip()), username, password,
                pinnedRoot(rootPublicKey, rootPublicKeyFile), pollInterval, backoffMax, httpTimeout, staleAfter);
        settings.schedule();
        return settings;
    }

    @Bean
    MembershipVerifier membershipVerifier(FollowSettings settings) {
        return new MembershipVerifier(settings.networkRoot());
    }

    /** The list this node holds, from its store at start; the ledger consults it from now on. */
    @Bean
    NetworkMembership networkMembership(MembershipStore store, MembershipVerifier verifier, ClearlineLedger ledger) {
        NetworkMembership membership;
        try {
            membership = NetworkMembership.from(store, verifier);
        } catch (MembershipRefusedException refused) {
            throw new IllegalStateException("the membership list this node's database holds is refused under the "
                    + "pinned network root " + verifier.networkRoot().base64() + " (" + refused.reason() + ": "
                    + refused.getMessage() + "): the database belongs to another network, or " + PREFIX
                    + "root-public-key is wrong", refused);
        }
        ledger.followMembership(membership);
        return membership;
    }

    /** Polls from its creation; stopped with the node. */
    @Bean(initMethod = "start", destroyMethod = "close")
    MembershipFollower membershipFollower(FollowSettings settings, MembershipVerifier verifier, MembershipStore store,
                                          NetworkMembership membership, ObjectMapper json, Clock clock) {
        HttpMembershipSource source = new HttpMembershipSource(settings.url(), settings.username(), settings.password(),
                settings.httpTimeout(), json);
        return new MembershipFollower(source, verifier, store, settings.schedule(), clock).addListener(membership);
    }

    /** The key from the property (base64) or from a file holding it (base64, surrounding blanks ignored). */
    static PublicKey pinnedRoot(String base64, String file) {
        boolean inline = !base64.isBlank();
        boolean fromFile = !file.isBlank();
        if (inline == fromFile) {
            throw new IllegalArgumentException("a following node pins the network root's public key: set exactly one of "
                    + PREFIX + "root-public-key (base64) and " + PREFIX + "root-public-key-file");
        }
        String text;
        String where;
        if (inline) {
            text = base64;
            where = PREFIX + "root-public-key";
        } else {
            where = PREFIX + "root-public-key-file " + file;
            try {
                text = Files.readString(Path.of(file.strip()), StandardCharsets.US_ASCII);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read " + where, unreadable);
            }
        }
        try {
            return PublicKey.fromBase64(text.strip());
        } catch (IllegalArgumentException notAKey) {
            throw new IllegalArgumentException(where + " is no base64 Ed25519 public key: " + notAKey.getMessage(),
                    notAKey);
        }
    }
}
