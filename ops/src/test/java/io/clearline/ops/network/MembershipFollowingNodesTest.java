package io.clearline.ops.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.network.MemberStatus;
import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.MembershipStore;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.ops.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every node follows the central bank's membership list within seconds: a second node, on a database of
 * its own, follows the central bank's node over HTTP as a bank's node would, keeps what it took across a
 * restart, and refuses a list not signed by the root it pins.
 */
class MembershipFollowingNodesTest {
    /** Short, so that the test waits little; BENCHMARKS.md measures following at the default interval. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STALE_AFTER = Duration.ofMinutes(5);
    private static final String INDIA = "INDIEUIIXXX";

    @TempDir
    static Path publisherDir;

    private static ConfigurableApplicationContext publisher;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTheCentralBanksNode() {
        publisher = MembershipNodes.startPublisher(publisherDir);
    }

    @AfterAll
    static void stopTheCentralBanksNode() {
        publisher.close();
    }

    @Test
    void aFollowingNodeHasEachAdmissionSuspensionAndRemovalWithinSecondsAndItsLedgerActsOnIt(
            @TempDir Path followerDir) throws Exception {
        try (ConfigurableApplicationContext follower = startFollower(followerDir, MembershipNodes.rootPublicKey(publisher))) {
            MembershipStore followed = follower.getBean(MembershipStore.class);
            ClearlineLedger ledger = follower.getBean(ClearlineLedger.class);

            assertThat(post(publisher, "/api/participants", "{\"bic\":\"" + INDIA + "\",\"name\":\"India Bank\"}")
                    .statusCode()).isEqualTo(201);
            MembershipList admitted = awaitFollowed(follower, "India listed active at the follower",
                    list -> list.member(INDIA).filter(member -> member.status() == MemberStatus.ACTIVE).isPresent());
            assertThat(served(follower)).as("the follower serves the list it holds").isEqualTo(admitted.epoch());
            assertThat(held(followed).epoch()).as("and stores it").isEqualTo(admitted.epoch());

            assertThat(post(publisher, "/api/participants/" + INDIA + "/suspend", "{\"reason\":\"audit\"}")
                    .statusCode()).isEqualTo(200);
            MembershipList suspended = awaitFollowed(follower, "India listed suspended at the follower",
                    list -> list.member(INDIA).filter(member -> member.status() == MemberStatus.SUSPENDED).isPresent());
            assertThat(suspended.epoch()).isGreaterThan(admitted.epoch());
            assertThat(refusalOfPaymentFrom(ledger, INDIA)).as("the follower's ledger refuses a suspended payer")
                    .contains("DNOR").contains("suspended in membership list epoch " + suspended.epoch());

            assertThat(send(publisher, HttpRequest.newBuilder(MembershipNodes.baseUri(publisher)
                    .resolve("/api/participants/" + INDIA)).DELETE()).statusCode()).isEqualTo(200);
            MembershipList removed = awaitFollowed(follower, "India no longer listed at the follower",
                    list -> list.epoch() > suspended.epoch() && list.member(INDIA).isEmpty());
            assertThat(served(follower)).isEqualTo(removed.epoch());
            assertThat(refusalOfPaymentFrom(ledger, INDIA)).as("nor does it know a removed bank").contains("DNOR");

            JsonNode membership = health(follower).path("components").path("membership");
            assertThat(membership.path("status").asText()).isEqualTo("UP");
            assertThat(membership.path("details").path("state").asText()).isEqualTo("FOLLOWING");
            assertThat(membership.path("details").path("epoch").asLong()).isEqualTo(removed.epoch());
            assertThat(scrape(follower)).contains("clearline_network_membership_epoch " + removed.epoch() + ".0");
        }
    }

    @Test
    void aRestartedFollowerStartsFromTheListItHeldWhileTheCentralBankIsUnreachable(@TempDir Path followerDir)
            throws Exception {
        long held;
        try (ConfigurableApplicationContext follower = startFollower(followerDir, MembershipNodes.rootPublicKey(publisher))) {
            held = awaitFollowed(follower, "a list at the follower", list -> true).epoch();
        }

        // Port 9 (discard) on the loopback: nothing answers there, as when the central bank's node is down.
        try (ConfigurableApplicationContext restarted = MembershipNodes.startFollower(followerDir,
                URI.create("http://127.0.0.1:9"), MembershipNodes.rootPublicKey(publisher), POLL_INTERVAL, STALE_AFTER)) {
            assertThat(held(restarted.getBean(MembershipStore.class)).epoch()).isEqualTo(held);
            assertThat(served(restarted)).isEqualTo(held);
            JsonNode membership = Eventually.value("the follower has tried the central bank", () ->
                    Optional.of(health(restarted).path("components").path("membership"))
                            .filter(component -> component.path("details").has("lastProblem")));
            assertThat(membership.path("status").asText()).as("briefly unreachable is not stale").isEqualTo("UP");
            assertThat(membership.path("details").path("lastProblem").asText()).contains("unavailable");
            assertThat(membership.path("details").path("secondsSinceSuccessfulPoll").isNumber()).isTrue();
            assertThat(get(restarted, "/actuator/health/readiness").statusCode()).as("and the node stays ready")
                    .isEqualTo(200);
        }
    }

    @Test
    void aFollowerPinningAnotherRootRefusesTheListAndSaysSoInHealth(@TempDir Path followerDir) throws Exception {
        String anotherRoot = Ed25519.generate().publicKey().base64();
        try (ConfigurableApplicationContext follower = startFollower(followerDir, anotherRoot)) {
            JsonNode membership = Eventually.value("the follower refuses the list", () ->
                    Optional.of(health(follower).path("components").path("membership"))
                            .filter(component -> component.path("details").has("refusal")));

            assertThat(membership.path("status").asText()).isEqualTo("DOWN");
            assertThat(membership.path("details").path("state").asText()).isEqualTo("REFUSING");
            assertThat(membership.path("details").path("refusal").asText()).isEqualTo("UNKNOWN_SIGNER");
            assertThat(membership.path("details").path("pinnedNetworkRoot").asText()).isEqualTo(anotherRoot);
            assertThat(follower.getBean(MembershipStore.class).latest()).as("nothing taken").isEmpty();
            assertThat(get(follower, "/api/network/membership").statusCode()).isEqualTo(404);
            assertThat(get(follower, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext startFollower(Path dataDir, String rootPublicKey) {
        return MembershipNodes.startFollower(dataDir, MembershipNodes.baseUri(publisher), rootPublicKey,
                POLL_INTERVAL, STALE_AFTER);
    }

    private MembershipList awaitFollowed(ConfigurableApplicationContext follower, String what,
                                         Predicate<MembershipList> condition) {
        MembershipStore store = follower.getBean(MembershipStore.class);
        return Eventually.value(what, () -> store.latest()
                .map(signed -> MembershipList.fromCanonicalBytes(signed.canonicalBytes())).filter(condition));
    }

    private static MembershipList held(MembershipStore store) {
        return MembershipList.fromCanonicalBytes(store.latest().orElseThrow().canonicalBytes());
    }

    /** The epoch {@code GET /api/network/membership} serves at {@code node}. */
    private long served(ConfigurableApplicationContext node) throws Exception {
        HttpResponse<String> response = get(node, "/api/network/membership");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("epoch").asLong();
    }

    private static String refusalOfPaymentFrom(ClearlineLedger ledger, String payer) {
        PaymentSettlementRequest payment = new PaymentSettlementRequest(Uetr.of(UUID.randomUUID().toString()),
                Bic.of(payer), Bic.of("ALPHEUAAXXX"), Money.of(100, "EUR"));
        try {
            ledger.ledgerPort().settlePayment(payment).join();
        } catch (CompletionException refused) {
            assertThat(refused.getCause()).isInstanceOf(LedgerRefusedException.class);
            return refused.getCause().getMessage();
        }
        throw new AssertionError("the ledger settled a payment from " + payer);
    }

    private JsonNode health(ConfigurableApplicationContext node) {
        try {
            return json.readTree(get(node, "/actuator/health").body());
        } catch (IOException | InterruptedException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private String scrape(ConfigurableApplicationContext node) throws Exception {
        return get(node, "/actuator/prometheus").body();
    }

    private HttpResponse<String> get(ConfigurableApplicationContext node, String path)
            throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(MembershipNodes.baseUri(node).resolve(path)).GET());
    }

    private HttpResponse<String> post(ConfigurableApplicationContext node, String path, String body)
            throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(MembershipNodes.baseUri(node).resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** As the operator, who admits, suspends and removes participants. */
    private HttpResponse<String> send(ConfigurableApplicationContext node, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString("operator:demo".getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", "Basic " + credentials).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
