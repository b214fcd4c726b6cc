package io.clearline.ops.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.network.Member;
import io.clearline.flows.network.MemberStatus;
import io.clearline.flows.network.MembershipFollower;
import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.network.MembershipStore;
import io.clearline.flows.network.MembershipVerifier;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The central bank's node publishes the signed membership list at {@code GET /api/network/membership}: each
 * admission, suspension, re-activation and removal is a newer epoch, and a node following it over HTTP has
 * the change within seconds.
 */
class NetworkMembershipApiTest extends DemoNodeTest {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(1);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    @Autowired
    private MembershipPublisher publisher;

    @Autowired
    private ObjectMapper json;

    @Test
    void eachChangeOfAParticipantIsANewerEpoch() throws Exception {
        String india = "INDIEUIIXXX";
        long before = fetched().epoch();

        assertThat(postJson("operator", "/api/participants", "{\"bic\":\"" + india + "\",\"name\":\"India Bank\"}")
                .statusCode()).isEqualTo(201);
        MembershipList admitted = awaitList("India listed active", list -> statusOf(list, india)
                .filter(MemberStatus.ACTIVE::equals).isPresent());
        assertThat(admitted.epoch()).isGreaterThan(before);
        assertThat(admitted.member(india).orElseThrow().legalName()).isEqualTo("India Bank");
        assertThat(admitted.member(india).orElseThrow().certificate().issuedBy(publisher.networkRoot().publicKey()))
                .as("certified by the network root at admission").isTrue();

        assertThat(postJson("operator", "/api/participants/" + india + "/suspend", "{\"reason\":\"audit\"}")
                .statusCode()).isEqualTo(200);
        MembershipList suspended = awaitList("India listed suspended", list -> statusOf(list, india)
                .filter(MemberStatus.SUSPENDED::equals).isPresent());
        assertThat(suspended.epoch()).isGreaterThan(admitted.epoch());

        assertThat(post("operator", "/api/participants/" + india + "/reactivate").statusCode()).isEqualTo(200);
        MembershipList reactivated = awaitList("India listed active again", list -> list.epoch() > suspended.epoch()
                && statusOf(list, india).filter(MemberStatus.ACTIVE::equals).isPresent());

        assertThat(postJson("operator", "/api/participants/" + india + "/suspend", "{\"reason\":\"closing\"}")
                .statusCode()).isEqualTo(200);
        assertThat(send("operator", HttpRequest.newBuilder(uri("/api/participants/" + india)).DELETE()).statusCode())
                .isEqualTo(200);
        MembershipList removed = awaitList("India no longer listed", list -> list.epoch() > reactivated.epoch()
                && list.member(india).isEmpty());
        assertThat(removed.party(ALPHA)).as("the others stay").isPresent();
    }

    @Test
    void aNodeFollowingTheListOverHttpHasANewMemberWithinSeconds() throws Exception {
        NetworkMembership membership = NetworkMembership.none();
        try (MembershipFollower follower = follower(publisher.networkRoot().publicKey(), ALPHA)) {
            follower.addListener(membership);
            follower.start();
            Eventually.until("the follower holds a list", () -> membership.current().isPresent());

            String juliet = "JULIEUJJXXX";
            assertThat(postJson("operator", "/api/participants", "{\"bic\":\"" + juliet + "\",\"name\":\"Juliet Bank\"}")
                    .statusCode()).isEqualTo(201);

            Eventually.until("the follower lists Juliet", () -> membership.party(juliet).isPresent());
            assertThat(membership.refusalOf(membership.party(juliet).orElseThrow())).isEmpty();
        }
    }

    @Test
    void aNodePinningAnotherRootRefusesTheList() {
        try (MembershipFollower follower = follower(Ed25519.generate().publicKey(), "regulator")) {
            assertThat(follower.pollOnce()).isEqualTo(MembershipFollower.Outcome.REFUSED);
        }
    }

    @Test
    void theEndpointServesTheCanonicalBytesTheSignatureAndTheSigner() throws Exception {
        HttpResponse<String> response = get("regulator", "/api/network/membership");

        assertThat(response.statusCode()).isEqualTo(200);
        MembershipDocument document = json.readValue(response.body(), MembershipDocument.class);
        assertThat(document.signer()).isEqualTo(publisher.networkRoot().publicKey().base64());
        assertThat(new MembershipVerifier(publisher.networkRoot().publicKey())
                .verify(document.signed(), OptionalLong.empty()).epoch()).isEqualTo(document.epoch());
    }

    /** A follower with a database of its own, as on another node, asking with {@code user}'s credentials. */
    private MembershipFollower follower(io.clearline.flows.ledger.PublicKey pinnedRoot, String user) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:follower-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new MembershipFollower(source(user), new MembershipVerifier(pinnedRoot),
                new MembershipStore(new Jdbc(h2), Clock.systemUTC()),
                new MembershipFollower.Settings(POLL_INTERVAL, BACKOFF_MAX));
    }

    private HttpMembershipSource source(String user) {
        return new HttpMembershipSource(uri("/api/network/membership"), user, "demo", HTTP_TIMEOUT, json);
    }

    private MembershipList fetched() {
        return new MembershipVerifier(publisher.networkRoot().publicKey())
                .verify(source("operator").latest().orElseThrow(), OptionalLong.empty());
    }

    private MembershipList awaitList(String what, java.util.function.Predicate<MembershipList> condition) {
        return Eventually.value(what, () -> Optional.of(fetched()).filter(condition));
    }

    private static Optional<MemberStatus> statusOf(MembershipList list, String name) {
        return list.member(name).map(Member::status);
    }
}
