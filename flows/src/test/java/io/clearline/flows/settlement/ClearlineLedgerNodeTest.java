package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Money;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.transport.FaultPlan;
import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.http.HttpTransport;
import io.clearline.flows.transport.http.HttpTransportSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ledger opened as a named node on a transport of the caller's choosing (ClearlineLedger.Node). */
class ClearlineLedgerNodeTest {
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(60);
    private static final String NODE = "bank-node-1";

    @Test
    void aLedgerOpenedAsANamedNodeOnTheHttpTransportSettlesAPaymentThroughItsOwnTlsEndpoint() throws Exception {
        Ed25519.GeneratedKeyPair root = Ed25519.generate();
        Map<String, URI> addresses = new ConcurrentHashMap<>();
        HttpTransport transport = HttpTransport.start(NetworkTls.issueNodeIdentity("Test root", root.privateKey(),
                        NODE, NODE, Instant.now().minus(Duration.ofDays(1))), NetworkTls.rootKey(root.publicKey()),
                node -> Optional.ofNullable(addresses.get(node)), party -> Optional.of(NODE),
                HttpTransportSettings.LOOPBACK);
        addresses.put(NODE, URI.create("https://127.0.0.1:" + transport.port()));
        try (ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();
             ClearlineLedger ledger = ClearlineLedger.open(LedgerFixture.dataSource(), Clock.systemUTC(), flows,
                     "CBANKXXX", "notary", "regulator",
                     ClearlineLedger.Node.on(NODE, transport, NetworkMap.singleNode(NODE)))) {
            ledger.admit(BANK_A);
            ledger.admit(BANK_B);
            ledger.ledgerPort().issueCash(new CashIssuanceRequest("issue-1", BANK_A, Money.of(10_000, "EUR")))
                    .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
            ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 2_500))
                    .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(2_500);
            assertThat(ledger.audit().clean()).isTrue();
            assertThat(transport.counters().receivedEnvelopes())
                    .as("the payee's session envelopes went through the node's own HTTPS endpoint").isPositive();
            assertThat(transport.counters().refusedSenderEnvelopes()).isZero();
        }
    }

    @Test
    void aNodeWithoutANameOrWithoutATimeoutIsRefused() {
        InMemoryTransport transport = new InMemoryTransport(FaultPlan.NONE);
        assertThatThrownBy(() -> ClearlineLedger.Node.on(" ", transport, NetworkMap.singleNode("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> ClearlineLedger.Node.on("x", transport, NetworkMap.singleNode("x"))
                .withPayeeAnswerTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
