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
    private final Map<String, BigDecimal> pledged = new HashMap<>();
    private String payer;
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
            for (String bic : ParameterTypes.DEMO_BANKS) {
                if (balance(bic).signum() == 0) {
                    return false;
                }
            }
            return true;
        });
    }

    @Given("{bank} has at least {word} {amount} available")
    public void hasAtLeastAvailable(String bic, String currency, BigDecimal amount) {
        assertThat(available(bic)).isGreaterThanOrEqualTo(amount);
    }

    @Given("{bank} has less than {word} {amount} available")
    public void hasLessThanAvailable(String bic, String currency, BigDecimal amount) {
        assertThat(available(bic)).isLessThan(amount);
    }

    @When("{bank} pays {bank} {word} {amount}")
    public void pays(String payerBic, String payeeBic, String currency, BigDecimal amount) {
        balanceBefore.put(payerBic, balance(payerBic));
        balanceBefore.put(payeeBic, balance(payeeBic));
        payer = payerBic;
        uetr = UUID.randomUUID().toString();
        payments.add(new Payment(uetr, payerBic, payeeBic, amount, currency));
        String xml = Pacs008Template.creditTransfer("SPEC-" + uetr.substring(0, 8), uetr, payerBic, payeeBic,
                amount.toPlainString(), currency, LocalDate.now(ZoneId.of("Europe/Berlin")));
        HttpResponse<String> response = node.postXml(payerBic, "/api/iso20022/messages", xml);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Then("the payment is settled")
    public void thePaymentIsSettled() {
        assertThat(finalStatus().get("status").asText()).isEqualTo("SETTLED");
    }

    @Then("the payment waits in the queue")
    public void thePaymentWaitsInTheQueue() {
        awaitStatus("QUEUED");
    }

    @Then("the payment waits in the queue for insufficient funds")
    public void thePaymentWaitsInTheQueueForInsufficientFunds() {
        JsonNode payment = awaitStatus("QUEUED");
        assertThat(payment.get("reason").get("code").asText()).isEqualTo("AM04");
    }

    @Then("{bank} has not yet been told anything about the payment")
    public void hasNotYetBeenToldAnything(String bic) {
        // Checked once the payment is known to be queued: a queued payment has no answer to send yet.
        assertThat(node.get(bic, "/api/iso20022/outbox/" + bic + "?limit=1000").body()).doesNotContain(uetr);
    }

    @When("the operator pledges {word} {amount} to {bank}")
    public void theOperatorPledges(String currency, BigDecimal amount, String bic) {
        pledged.merge(bic, amount, BigDecimal::add);
        String body = "{\"direction\":\"PLEDGE\",\"amount\":\"" + amount.toPlainString()
                + "\",\"currency\":\"" + currency + "\"}";
        HttpResponse<String> response = node.postJson(OPERATOR, "/api/participants/" + bic + "/liquidity", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Then("{bank} has paid at least {word} {amount} out of the pledge")
    public void hasPaidAtLeastOutOfThePledge(String bic, String currency, BigDecimal amount) {
        // Payments it queued earlier may settle out of the same pledge, so at least, not exactly.
        BigDecimal ceiling = balanceBefore.get(bic).add(pledged.getOrDefault(bic, BigDecimal.ZERO)).subtract(amount);
        await(bic + "'s balance to fall to " + ceiling + " or below", () -> balance(bic).compareTo(ceiling) <= 0);
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

    @Then("{bank}'s balance has not changed")
    public void balanceHasNotChanged(String bic) {
        assertThat(balance(bic)).isEqualByComparingTo(balanceBefore.get(bic));
    }

    private JsonNode finalStatus() {
        JsonNode[] payment = new JsonNode[1];
        await("payment " + uetr + " to settle or be rejected", () -> {
            HttpResponse<String> response = node.get(OPERATOR, "/api/payments/" + uetr);
            if (response.statusCode() != 200) {
                return false;
            }
            payment[0] = node.getJson(OPERATOR, "/api/payments/" + uetr);
            String status = payment[0].get("status").asText();
            return status.equals("SETTLED") || status.equals("REJECTED");
        });
        return payment[0];
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
            HttpResponse<String> response = node.get(OPERATOR, "/api/payments/" + uetr);
            if (response.statusCode() != 200) {
                return false;
            }
            payment[0] = node.getJson(OPERATOR, "/api/payments/" + uetr);
            return payment[0].get("status").asText().equals(status);
        });
        return payment[0];
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

    private BigDecimal balance(String bic) {
        return positionField(bic, "balance");
    }

    private BigDecimal available(String bic) {
        return positionField(bic, "available");
    }

    private BigDecimal positionField(String bic, String field) {
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
