package io.clearline.ops.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The liquidity-saving mechanism on a real node: two payments that each wait for the other settle
 * together when the operator runs it, through one netted ledger transaction the regulator audits.
 */
class GridlockRunApiTest extends DemoNodeTest {
    /** Admitted with nothing: it can pay only with what it is paid. */
    private static final String GOLF = "GOLFEUGGXXX";

    @Test
    void operatorRunResolvesAGridlockBetweenABankShortOfLiquidityAndOneWithout() throws Exception {
        HttpResponse<String> admitted = postJson("operator", "/api/participants",
                "{\"bic\":\"" + GOLF + "\",\"name\":\"Golf Bank\"}");
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);
        // Delta holds 1,000.00: it cannot pay 3,000.00 alone, and Golf cannot pay 2,500.00 at all.
        String deltaToGolf = submitPayment(DELTA, GOLF, "3000.00");
        String golfToDelta = submitPayment(GOLF, DELTA, "2500.00");
        awaitPaymentStatus(deltaToGolf, "QUEUED");
        awaitPaymentStatus(golfToDelta, "QUEUED");

        HttpResponse<String> run = postJson("operator", "/api/lsm/runs", "{\"currency\":\"EUR\",\"mode\":\"FIFO\"}");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        assertThat(run.body()).contains("\"outcome\":\"SETTLED\"", "\"settledValue\":\"5500.00\"",
                "\"algorithm\":\"FIFO_REMOVAL\"", deltaToGolf, golfToDelta);
        awaitPaymentStatus(deltaToGolf, "SETTLED");
        awaitPaymentStatus(golfToDelta, "SETTLED");
        // Delta paid its net of 500.00; Golf received it.
        Eventually.until("Delta's net on its position", () -> body(DELTA, "/api/positions/" + DELTA)
                .contains("\"balance\":\"500.00\""));
        Eventually.until("Golf's net on its position", () -> body(GOLF, "/api/positions/" + GOLF)
                .contains("\"balance\":\"500.00\""));
        Eventually.until("the regulator's clean audit of the netted transaction", () -> {
            String audit = body("regulator", "/api/audit");
            return audit.contains("\"verdict\":\"CLEAN\"") && !audit.contains("\"balanced\":false");
        });
        assertThat(body("regulator", "/api/lsm/runs")).contains("\"outcome\":\"SETTLED\"");
    }

    @Test
    void onlyTheOperatorRunsItAndABadCurrencyIsRefused() throws Exception {
        assertThat(postJson(ALPHA, "/api/lsm/runs", "{}").statusCode()).isEqualTo(403);
        assertThat(postJson("regulator", "/api/lsm/runs", "{}").statusCode()).isEqualTo(403);
        assertThat(get(ALPHA, "/api/lsm/runs").statusCode()).isEqualTo(403);
        HttpResponse<String> badCurrency = postJson("operator", "/api/lsm/runs", "{\"currency\":\"EURO\"}");
        assertThat(badCurrency.statusCode()).isEqualTo(400);
        assertThat(badCurrency.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(PROBLEM));
    }
}
