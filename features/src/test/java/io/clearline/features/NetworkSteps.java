package io.clearline.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearline.ops.load.Pacs004Template;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The operator's hand on the network in the rulebook's words: admitting and suspending banks, gridlock
 * runs, and what banks do with payments already made (hold, return). The payments are the ones the
 * scenario made through {@link SettlementSteps}.
 */
public class NetworkSteps {
    private static final String OPERATOR = "operator";

    private final NodeClient node;
    private final SettlementSteps payments;
    private final ParameterTypes banks;
    private JsonNode run;
    private String held;

    public NetworkSteps(NodeClient node, SettlementSteps payments, ParameterTypes banks) {
        this.node = node;
        this.payments = payments;
        this.banks = banks;
    }

    @Given("the operator has admitted {bank} with no liquidity")
    public void theOperatorHasAdmitted(String bic) {
        HttpResponse<String> admitted = node.postJson(OPERATOR, "/api/participants",
                "{\"bic\":\"" + bic + "\",\"name\":\"" + banks.nameOf(bic) + "\"}");
        // Admitting an admitted bank again changes nothing, so scenarios may each say it.
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);
    }

    /** For a newcomer, which holds nothing before: its balance is then exactly the pledge. */
    @Given("the operator has admitted {bank} with {word} {amount}")
    public void theOperatorHasAdmittedWith(String bic, String currency, BigDecimal amount) {
        theOperatorHasAdmitted(bic);
        payments.theOperatorPledges(currency, amount, bic);
        payments.balanceIs(bic, currency, amount);
    }

    @When("the operator runs gridlock resolution")
    public void theOperatorRunsGridlockResolution() {
        HttpResponse<String> response = node.postJson(OPERATOR, "/api/lsm/runs", "{\"currency\":\"EUR\",\"mode\":\"FIFO\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        run = node.json(response.body());
    }

    @Then("the run settled {int} payments worth {word} {amount}")
    public void theRunSettled(int count, String currency, BigDecimal value) {
        assertThat(run.get("currency").asText()).isEqualTo(currency);
        assertThat(run.get("settled").size()).as(run.toString()).isEqualTo(count);
        assertThat(new BigDecimal(run.get("settledValue").asText())).isEqualByComparingTo(value);
    }

    @Then("every payment is settled")
    public void everyPaymentIsSettled() {
        for (SettlementSteps.Payment payment : payments.payments()) {
            payments.awaitStatus(payment.uetr(), "SETTLED");
        }
    }

    @When("{bank} holds the payment")
    public void holdsThePayment(String bic) {
        held = payments.lastPayment().uetr();
        actOnQueuedPayment(bic, held, "hold");
    }

    @When("{bank} holds the payment of {word} {amount}")
    public void holdsThePaymentOf(String bic, String currency, BigDecimal amount) {
        held = payments.paymentOf(currency, amount).uetr();
        actOnQueuedPayment(bic, held, "hold");
    }

    @When("{bank} releases the payment")
    public void releasesThePayment(String bic) {
        actOnQueuedPayment(bic, payments.lastPayment().uetr(), "release");
    }

    @When("{bank} cancels the payment")
    public void cancelsThePayment(String bic) {
        actOnQueuedPayment(bic, payments.lastPayment().uetr(), "cancel");
    }

    /** What a bank's treasury does with a payment in its queue: hold, release or cancel it. */
    private void actOnQueuedPayment(String bic, String uetr, String action) {
        // The queue answers for a payment once the payment is known to be queued, not a moment before.
        payments.awaitStatus(uetr, "QUEUED");
        HttpResponse<String> response = node.postJson(bic, "/api/payments/" + uetr + "/" + action, "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Then("the payment of {word} {amount} stays in the queue, held")
    public void thePaymentIsHeldInItsPlace(String currency, BigDecimal amount) {
        SettlementSteps.Payment payment = payments.paymentOf(currency, amount);
        payments.awaitStatus(payment.uetr(), "QUEUED");
        JsonNode queued = queuedPayment(payment);
        assertThat(queued.get("held").asBoolean()).as(queued.toString()).isTrue();
    }

    private JsonNode queuedPayment(SettlementSteps.Payment payment) {
        for (JsonNode queued : node.getJson(OPERATOR, "/api/queues/" + payment.payer()).get("payments")) {
            if (queued.get("uetr").asText().equals(payment.uetr())) {
                return queued;
            }
        }
        throw new AssertionError("payment " + payment.uetr() + " is not in the queue of " + payment.payer());
    }

    @Then("{bank}'s queue is frozen")
    public void queueIsFrozen(String bic) {
        SettlementSteps.await("the queue of " + bic + " to be frozen", () -> {
            JsonNode frozen = node.getJson(OPERATOR, "/api/queues/" + bic).get("frozen");
            for (JsonNode currency : frozen) {
                if (currency.asText().equals("EUR")) {
                    return true;
                }
            }
            return false;
        });
    }

    @Then("the held payment stays queued because it is held")
    public void theHeldPaymentStaysQueued() {
        boolean reported = false;
        for (JsonNode stay : run.get("stayQueued")) {
            if (stay.get("uetr").asText().equals(held)) {
                assertThat(stay.get("reason").asText()).isEqualTo("HELD");
                reported = true;
            }
        }
        assertThat(reported).as("the run says why " + held + " stayed queued: " + run).isTrue();
        payments.awaitStatus(held, "QUEUED");
    }

    @Then("the regulator's audit is clean")
    public void theRegulatorsAuditIsClean() {
        SettlementSteps.await("the regulator's audit to be clean", () -> {
            JsonNode audit = node.getJson("regulator", "/api/audit");
            return audit.get("verdict").asText().equals("CLEAN");
        });
    }

    @When("the operator suspends {bank} because {string}")
    public void theOperatorSuspends(String bic, String reason) {
        HttpResponse<String> response = node.postJson(OPERATOR, "/api/participants/" + bic + "/suspend",
                "{\"reason\":\"" + reason + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @When("the operator reactivates {bank}")
    public void theOperatorReactivates(String bic) {
        HttpResponse<String> response = node.postJson(OPERATOR, "/api/participants/" + bic + "/reactivate", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @When("{bank} returns the payment in full")
    public void returnsThePaymentInFull(String payeeBic) {
        SettlementSteps.Payment payment = payments.lastPayment();
        assertThat(payment.payee()).as("only the payee returns a payment").isEqualTo(payeeBic);
        String xml = Pacs004Template.paymentReturn("RET-" + payment.uetr().substring(0, 8), payment.uetr(), payeeBic,
                payment.payer(), payment.amount().toPlainString(), payment.currency(), "AC04",
                LocalDate.now(ZoneId.of("Europe/Berlin")));
        HttpResponse<String> response = node.postXml(payeeBic, "/api/iso20022/messages", xml);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Then("the original payment is returned")
    public void theOriginalPaymentIsReturned() {
        payments.awaitStatus(payments.lastPayment().uetr(), "RETURNED");
    }
}
