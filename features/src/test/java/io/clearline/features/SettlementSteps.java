package io.clearline.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearline.ops.load.Pacs008Template;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Steps in the rulebook's words; the XML and HTTP stay down here. */
public class SettlementSteps {
    /** How long a step waits for the node to reach a state before the rule counts as broken. */
    private static final Duration SETTLEMENT_WAIT_MAX = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final String OPERATOR = "operator";

    private final NodeClient node;
    private final Map<String, BigDecimal> balanceBefore = new HashMap<>();
    private String uetr;
    /** Every payment the scenario made, in order, with what it was: other steps act on them. */
    private final List<Payment> payments = new ArrayList<>();

    /** A payment as the scenario made it. */
    record Payment(String uetr, String payer, String payee, BigDecimal amount, String currency) {
    }

    public SettlementSteps(NodeClient node) {
        this.node = node;
    }

    @Given("the demo network is open for business")
    public void theDemoNetworkIsOpen() {
        // Only the demo's own banks: banks a scenario admits start with nothing, on purpose.
        await("the demo banks to hold their opening balances", () -> {
            for (String bic : ParameterTypes.BANKS.values()) {
                if (balance(bic).signum() == 0) {
                    return false;
                }
            }
            return true;
        });
        // A scenario that stepped the business day and failed before it reopened leaves it closed or cut off.
        BusinessDaySteps.openForBusiness(node);
    }

    @Given("{bank} has at least {word} {amount} available")
    public void hasAtLeastAvailable(String bic, String currency, BigDecimal amount) {
        assertThat(available(bic)).isGreaterThanOrEqualTo(amount);
    }

    @When("{bank} pays {bank} {word} {amount}")
    public void pays(String payerBic, String payeeBic, String currency, BigDecimal amount) {
        submit(payerBic, payeeBic, currency, amount, false);
    }

    @When("{bank} pays {bank} {word} {amount} with high priority")
    public void paysWithHighPriority(String payerBic, String payeeBic, String currency, BigDecimal amount) {
        submit(payerBic, payeeBic, currency, amount, true);
    }

    private void submit(String payerBic, String payeeBic, String currency, BigDecimal amount, boolean highPriority) {
        balanceBefore.put(payerBic, balance(payerBic));
        balanceBefore.put(payeeBic, balance(payeeBic));
        uetr = UUID.randomUUID().toString();
        payments.add(new Payment(uetr, payerBic, payeeBic, amount, currency));
        String xml = Pacs008Template.creditTransfer("SPEC-" + uetr.substring(0, 8), uetr, payerBic, payeeBic,
                amount.toPlainString(), currency, LocalDate.now(ZoneId.of("Europe/Berlin")), highPriority);
        HttpResponse<String> response = node.postXml(payerBic, "/api/iso20022/messages", xml);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Then("the payment is settled")
    public void thePaymentIsSettled() {
        assertSettled(uetr);
    }

    @Then("the payment of {word} {amount} is settled")
    public void thePaymentOfIsSettled(String currency, BigDecimal amount) {
        assertSettled(paymentOf(currency, amount).uetr());
    }

    private void assertSettled(String paymentUetr) {
        assertThat(finalStatus(paymentUetr).get("status").asText()).isEqualTo("SETTLED");
    }

    @Then("the payment waits in the queue")
    public void thePaymentWaitsInTheQueue() {
        awaitStatus("QUEUED");
    }

    @Then("the payment of {word} {amount} waits in the queue")
    public void thePaymentOfWaitsInTheQueue(String currency, BigDecimal amount) {
        awaitStatus(paymentOf(currency, amount).uetr(), "QUEUED");
    }

    @Then("the payment waits in the queue for insufficient funds")
    public void thePaymentWaitsInTheQueueForInsufficientFunds() {
        awaitQueuedBecause("AM04", "does not cover");
    }

    @Then("the payment waits in the queue behind the payer's earlier payments")
    public void thePaymentWaitsBehindTheEarlierPayments() {
        awaitQueuedBecause("NARR", "(FIFO)");
    }

    @Then("the payment waits in the queue because it would exceed the bilateral limit towards {bank}")
    public void thePaymentWaitsForTheBilateralLimit(String counterpartyBic) {
        awaitQueuedBecause("NARR", "bilateral limit towards " + counterpartyBic);
    }

    @Then("the payment waits in the queue because it would exceed the multilateral limit")
    public void thePaymentWaitsForTheMultilateralLimit() {
        awaitQueuedBecause("NARR", "multilateral limit");
    }

    /** The node's explanation is checked only for the words that name the rule, not for its figures. */
    private void awaitQueuedBecause(String reasonCode, String rule) {
        JsonNode payment = awaitStatus("QUEUED");
        assertThat(payment.get("reason").get("code").asText()).as(payment.toString()).isEqualTo(reasonCode);
        assertThat(payment.get("reason").get("explanation").asText()).as(payment.toString()).contains(rule);
    }

    /**
     * Checked once the payer's position shows liquidity enough for the payment: the account decides on
     * a queued payment in the same step that credits it, so a payment it would release is reserved by then.
     */
    @Then("the payment still waits in the queue although {bank} could now pay it")
    public void thePaymentStillWaitsAlthoughCovered(String bic) {
        Payment payment = lastPayment();
        await(bic + "'s available liquidity to cover " + payment.amount() + ", or the payment to leave the queue",
                () -> available(bic).compareTo(payment.amount()) >= 0
                        || !paymentStatus(payment.uetr()).get("status").asText().equals("QUEUED"));
        assertThat(paymentStatus(payment.uetr()).get("status").asText()).isEqualTo("QUEUED");
        assertThat(positionField(bic, "reserved")).as("liquidity reserved for a queued payment")
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(positionField(bic, "queuedOut")).isGreaterThanOrEqualTo(payment.amount());
    }

    @Then("the payment is cancelled with reason {word}")
    public void thePaymentIsCancelledWithReason(String reasonCode) {
        JsonNode payment = awaitStatus("CANCELLED");
        assertThat(payment.get("reason").get("code").asText()).as(payment.toString()).isEqualTo(reasonCode);
    }

    @Then("{bank} has not yet been told anything about the payment")
    public void hasNotYetBeenToldAnything(String bic) {
        // Checked once the payment is known to be queued: a queued payment has no answer to send yet.
        assertThat(node.get(bic, "/api/iso20022/outbox/" + bic + "?limit=1000").body()).doesNotContain(uetr);
    }

    @When("the operator pledges {word} {amount} to {bank}")
    public void theOperatorPledges(String currency, BigDecimal amount, String bic) {
        String body = "{\"direction\":\"PLEDGE\",\"amount\":\"" + amount.toPlainString()
                + "\",\"currency\":\"" + currency + "\"}";
        HttpResponse<String> response = node.postJson(OPERATOR, "/api/participants/" + bic + "/liquidity", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Then("{bank} is told that the payment settled")
    public void isToldThatThePaymentSettled(String bic) {
        assertThat(statusReportFor(bic)).startsWith("ACSC");
    }

    @Then("{bank} is told that the payment was rejected with reason {word}")
    public void isToldThatThePaymentWasRejected(String bic, String reasonCode) {
        String report = statusReportFor(bic);
        assertThat(report).startsWith("RJCT");
        assertThat(report).contains(reasonCode);
    }

    @Then("{bank}'s balance has fallen by {word} {amount}")
    public void balanceHasFallenBy(String bic, String currency, BigDecimal amount) {
        await(bic + "'s balance to fall", () -> balance(bic).compareTo(balanceBefore.get(bic).subtract(amount)) == 0);
    }

    @Then("{bank}'s balance has risen by {word} {amount}")
    public void balanceHasRisenBy(String bic, String currency, BigDecimal amount) {
        await(bic + "'s balance to rise", () -> balance(bic).compareTo(balanceBefore.get(bic).add(amount)) == 0);
    }

    @Then("{bank}'s balance is {word} {amount}")
    public void balanceIs(String bic, String currency, BigDecimal amount) {
        await(bic + "'s balance to be " + amount, () -> balance(bic).compareTo(amount) == 0);
    }

    @Then("{bank}'s balance has not changed")
    public void balanceHasNotChanged(String bic) {
        assertThat(balance(bic)).isEqualByComparingTo(balanceBefore.get(bic));
    }

    /** Waits for the payment to settle or end otherwise, so that a refusal fails at once, with its reason. */
    private JsonNode finalStatus(String paymentUetr) {
        JsonNode[] payment = new JsonNode[1];
        await("payment " + paymentUetr + " to settle or be rejected", () -> {
            payment[0] = paymentStatus(paymentUetr);
            return payment[0] != null && List.of("SETTLED", "REJECTED", "CANCELLED")
                    .contains(payment[0].get("status").asText());
        });
        return payment[0];
    }

    /** The scenario's one payment of that amount: scenarios give their payments distinct amounts. */
    Payment paymentOf(String currency, BigDecimal amount) {
        List<Payment> found = payments.stream().filter(payment -> payment.currency().equals(currency)
                && payment.amount().compareTo(amount) == 0).toList();
        assertThat(found).as("the scenario's payments of " + currency + " " + amount).hasSize(1);
        return found.getFirst();
    }

    /** The scenario's last payment. */
    Payment lastPayment() {
        assertThat(payments).as("a payment made earlier in the scenario").isNotEmpty();
        return payments.getLast();
    }

    List<Payment> payments() {
        return List.copyOf(payments);
    }

    private JsonNode awaitStatus(String status) {
        return awaitStatus(uetr, status);
    }

    JsonNode awaitStatus(String uetr, String status) {
        JsonNode[] payment = new JsonNode[1];
        await("payment " + uetr + " to be " + status, () -> {
            payment[0] = paymentStatus(uetr);
            return payment[0] != null && payment[0].get("status").asText().equals(status);
        });
        return payment[0];
    }

    /** The payment's status and history, or null while the node does not know it yet. */
    private JsonNode paymentStatus(String paymentUetr) {
        HttpResponse<String> response = node.get(OPERATOR, "/api/payments/" + paymentUetr);
        return response.statusCode() == 200 ? node.json(response.body()) : null;
    }

    /** The status (and reason codes) of the pacs.002 about this payment in the bank's outbox. */
    private String statusReportFor(String bic) {
        Pattern report = Pattern.compile("<(?:\\w+:)?OrgnlUETR>" + uetr + "</(?:\\w+:)?OrgnlUETR>.*?"
                + "<(?:\\w+:)?TxSts>(\\w{4})</(?:\\w+:)?TxSts>(.*?)</Message>", Pattern.DOTALL);
        String[] found = new String[1];
        await("a pacs.002 about " + uetr + " in " + bic + "'s outbox", () -> {
            Matcher matcher = report.matcher(node.get(bic, "/api/iso20022/outbox/" + bic + "?limit=1000").body());
            if (matcher.find()) {
                found[0] = matcher.group(1) + " " + matcher.group(2);
                return true;
            }
            return false;
        });
        return found[0];
    }

    BigDecimal balance(String bic) {
        return positionField(bic, "balance");
    }

    private BigDecimal available(String bic) {
        return positionField(bic, "available");
    }

    /** A figure of the bank's EUR position; zero for a bank that never held EUR. */
    BigDecimal positionField(String bic, String field) {
        for (JsonNode position : node.getJson(OPERATOR, "/api/positions/" + bic).get("positions")) {
            if (position.get("currency").asText().equals("EUR")) {
                return new BigDecimal(position.get(field).asText());
            }
        }
        return BigDecimal.ZERO;
    }

    static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + SETTLEMENT_WAIT_MAX.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + SETTLEMENT_WAIT_MAX.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, interrupted);
            }
        }
    }
}
