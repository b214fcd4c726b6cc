package io.clearline.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.math.BigDecimal;
import java.net.http.HttpResponse;

/**
 * What a bank sets on its own account, in the rulebook's words: limits on its normal payments, liquidity
 * reserved for its high-priority and urgent payments, and FIFO bypass. Each takes effect before the node
 * answers, so the payments that follow are decided under it.
 */
public class LimitsSteps {
    private final NodeClient node;

    public LimitsSteps(NodeClient node) {
        this.node = node;
    }

    @Given("{bank} sets a bilateral limit of {word} {amount} towards {bank}")
    public void setsABilateralLimit(String bic, String currency, BigDecimal limit, String counterpartyBic) {
        put(bic, "/limits/bilateral/" + counterpartyBic, amount(limit, currency));
    }

    @Given("{bank} sets a multilateral limit of {word} {amount}")
    public void setsAMultilateralLimit(String bic, String currency, BigDecimal limit) {
        put(bic, "/limits/multilateral", amount(limit, currency));
    }

    @Given("{bank} reserves {word} {amount} for {reservedPriority} payments")
    public void reservesFor(String bic, String currency, BigDecimal amount, String priority) {
        put(bic, "/reservations/" + priority, amount(amount, currency));
    }

    @When("{bank} ends its reservation for {reservedPriority} payments")
    public void endsItsReservation(String bic, String priority) {
        HttpResponse<String> response = node.delete(bic, "/api/participants/" + bic + "/reservations/" + priority
                + "?currency=EUR");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Given("{bank} has switched on FIFO bypass")
    public void hasSwitchedOnFifoBypass(String bic) {
        put(bic, "/fifo-bypass", "{\"enabled\":true,\"currency\":\"EUR\"}");
    }

    private static String amount(BigDecimal amount, String currency) {
        return "{\"amount\":\"" + amount.toPlainString() + "\",\"currency\":\"" + currency + "\"}";
    }

    /** As the bank itself: a bank sets its own limits and reservations. */
    private void put(String bic, String setting, String json) {
        HttpResponse<String> response = node.putJson(bic, "/api/participants/" + bic + setting, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
