package io.clearline.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The business day in the rulebook's words: the operator opens a date, passes its cut-off and closes it,
 * and each bank reads its statement for the day.
 *
 * <p>WARNING: the business day is one for the whole network, every scenario runs on the same node, and a
 * date closed is never opened again. So a scenario that steps the day opens a date of its own, later than
 * any before, and leaves the network open when it ends (passed or failed); and every feature's
 * "the demo network is open for business" opens it again should it find it otherwise.
 */
public class BusinessDaySteps {
    private static final String OPERATOR = "operator";
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Europe/Berlin");
    /** The last date opened on the node under test, which only the steps step: its schedule is off. */
    private static final AtomicReference<LocalDate> LAST_DATE_OPENED = new AtomicReference<>();

    private final NodeClient node;
    private final SettlementSteps payments;
    /** The date this scenario opened; null while it has not stepped the day. */
    private LocalDate date;

    public BusinessDaySteps(NodeClient node, SettlementSteps payments) {
        this.node = node;
        this.payments = payments;
    }

    @Given("the operator has opened a new business day")
    public void theOperatorHasOpenedANewBusinessDay() {
        date = openNextDay(node);
    }

    @When("the operator passes the cut-off")
    public void theOperatorPassesTheCutOff() {
        stepTheScenariosDay("/cut-off");
    }

    @When("the operator closes the business day")
    public void theOperatorClosesTheBusinessDay() {
        stepTheScenariosDay("/close");
    }

    private void stepTheScenariosDay(String step) {
        assertThat(date).as("a scenario steps only a day it opened itself").isNotNull();
        HttpResponse<String> response = step(node, step);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Then("the operator cannot open the same date again")
    public void theOperatorCannotOpenTheSameDateAgain() {
        HttpResponse<String> response = open(node, date);
        // Refused as a bad request or as out of order: either way the node says why.
        assertThat(response.statusCode()).as(response.body()).isIn(400, 409);
    }

    @Then("{bank}'s statement for the day lists the payment of {word} {amount} as a {word}")
    public void theStatementListsThePayment(String bic, String currency, BigDecimal amount, String direction) {
        SettlementSteps.Payment payment = payments.paymentOf(currency, amount);
        boolean debit = switch (direction) {
            case "debit" -> true;
            case "credit" -> false;
            default -> throw new IllegalArgumentException("a statement books a debit or a credit, not " + direction);
        };
        assertThat(debit ? payment.payer() : payment.payee()).as("the bank " + (debit ? "paid" : "received")
                + " the payment").isEqualTo(bic);
        JsonNode entry = entryFor(statementOfTheDay(bic, currency), payment.uetr());
        assertThat(entry.get("direction").asText()).isEqualTo(debit ? "DBIT" : "CRDT");
        assertThat(new BigDecimal(entry.get("amount").asText())).isEqualByComparingTo(amount);
        assertThat(entry.get("counterparty").asText()).isEqualTo(debit ? payment.payee() : payment.payer());
    }

    @Then("{bank}'s statement for the day closes at its balance of {word} {amount}")
    public void theStatementClosesAtItsBalance(String bic, String currency, BigDecimal balance) {
        JsonNode statement = statementOfTheDay(bic, currency);
        assertThat(new BigDecimal(statement.get("closing").asText())).as(statement.toString())
                .isEqualByComparingTo(balance);
        assertThat(payments.balance(bic)).as(bic + "'s balance").isEqualByComparingTo(balance);
    }

    /** The day's final statement, once the close has reached the statements. */
    private JsonNode statementOfTheDay(String bic, String currency) {
        JsonNode[] statements = new JsonNode[1];
        SettlementSteps.await("the closed statement of " + bic + " for " + date, () -> {
            HttpResponse<String> response = node.get(bic, "/api/statements/" + bic + "?date=" + date);
            statements[0] = response.statusCode() == 200 ? node.json(response.body()) : null;
            return statements[0] != null && statements[0].get("closed").asBoolean();
        });
        for (JsonNode statement : statements[0].get("statements")) {
            if (statement.get("currency").asText().equals(currency)) {
                assertThat(statement.get("entryCount").asInt()).as("all entries on one page")
                        .isEqualTo(statement.get("entries").size());
                return statement;
            }
        }
        throw new AssertionError(bic + " has no " + currency + " statement for " + date + ": " + statements[0]);
    }

    private static JsonNode entryFor(JsonNode statement, String uetr) {
        for (JsonNode entry : statement.get("entries")) {
            if (entry.get("reference").asText().equals(uetr)) {
                return entry;
            }
        }
        throw new AssertionError("no entry for payment " + uetr + " in " + statement);
    }

    @After
    public void leaveTheNetworkOpen() {
        if (date != null) {
            openForBusiness(node);
        }
    }

    /** Opens the next date unless the network is open or has never run business days (it then takes payments). */
    static void openForBusiness(NodeClient node) {
        String phase = node.getJson(OPERATOR, "/api/business-day").get("phase").asText();
        if (!phase.equals("NONE") && !phase.equals("OPEN")) {
            openNextDay(node);
        }
    }

    /**
     * Closes the running day, whatever its phase, and opens the next date. Each step is idempotent at the
     * node or refused as out of order (409), so the phase need not be known: the view of it may lag.
     */
    private static synchronized LocalDate openNextDay(NodeClient node) {
        int cutOff = step(node, "/cut-off").statusCode();
        assertThat(cutOff).as("cut-off (409: already past it, or no day ever opened)").isIn(200, 409);
        int closed = step(node, "/close").statusCode();
        assertThat(closed).as("close (409: no day ever opened)").isIn(200, 409);
        LocalDate last = LAST_DATE_OPENED.get();
        LocalDate next = last == null ? LocalDate.now(BUSINESS_ZONE) : last.plusDays(1);
        HttpResponse<String> opened = open(node, next);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        LAST_DATE_OPENED.set(next);
        // Later scenarios ask the view whether the network is open: let it catch up first.
        SettlementSteps.await("business day " + next + " to be open", () -> {
            JsonNode day = node.getJson(OPERATOR, "/api/business-day");
            return day.get("phase").asText().equals("OPEN") && day.get("date").asText().equals(next.toString());
        });
        return next;
    }

    private static HttpResponse<String> open(NodeClient node, LocalDate date) {
        return node.postJson(OPERATOR, "/api/business-day/open", "{\"date\":\"" + date + "\"}");
    }

    private static HttpResponse<String> step(NodeClient node, String step) {
        return node.postJson(OPERATOR, "/api/business-day" + step, "{}");
    }
}
