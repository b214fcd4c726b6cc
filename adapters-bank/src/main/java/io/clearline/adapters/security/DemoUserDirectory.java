package io.clearline.adapters.security;

import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The demo profile's users, all with one well-known password: {@code operator}, {@code regulator},
 * and one bank system per participant named by its BIC, including banks admitted while the node
 * runs. Never wired outside the demo profile.
 */
public class DemoUserDirectory implements UserDetailsService {
    public static final String OPERATOR = "operator";
    public static final String REGULATOR = "regulator";
    private static final Duration PARTICIPANT_LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final String encodedPassword;
    private final QueryGateway queries;
    /** BICs already known to be participants; a participant is never forgotten within a run. */
    private final Set<String> knownBanks = ConcurrentHashMap.newKeySet();

    /** @param encodedPassword the demo password as a Spring Security encoded string, e.g. {@code {noop}demo} */
    public DemoUserDirectory(String encodedPassword, QueryGateway queries) {
        this.encodedPassword = Objects.requireNonNull(encodedPassword, "encodedPassword");
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (OPERATOR.equals(username)) {
            return user(username, BankAccess.ROLE_OPERATOR);
        }
        if (REGULATOR.equals(username)) {
            return user(username, BankAccess.ROLE_REGULATOR);
        }
        if (knownBanks.contains(username) || isParticipant(username)) {
            knownBanks.add(username);
            return user(username, BankAccess.ROLE_BANK);
        }
        throw new UsernameNotFoundException("no such user");
    }

    private boolean isParticipant(String bic) {
        List<ParticipantView> participants = queries.query(new ListParticipantsQuery(),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(PARTICIPANT_LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return participants.stream().anyMatch(participant -> participant.bic().value().equals(bic));
    }

    private UserDetails user(String username, String role) {
        return User.withUsername(username).password(encodedPassword)
                .authorities(AuthorityUtils.createAuthorityList(role)).build();
    }
}
