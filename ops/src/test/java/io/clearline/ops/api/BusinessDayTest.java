package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The operator runs the business day; banks learn of the cut-off and the close by their pacs.002s. */
class BusinessDayTest extends DemoNodeTest {

    @Test
    void pastTheCutOffAPaymentIsRefusedWithTM01AndTheCloseCancelsWhatIsStillQueued() throws Exception {
        assertThat(body(ALPHA, "/api/business-day")).contains("\"phase\":\"NONE\"");
        LocalDate today = LocalDate.now();
        HttpResponse<String> opened = postJson("operator", "/api/business-day/open", "{\"date\":\"" + today + "\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        Eventually.until("the day open", () -> body(ALPHA, "/api/business-day").contains("\"phase\":\"OPEN\""));

        String queued = submitPayment(DELTA, ALPHA, "5000.00");
        awaitPaymentStatus(queued, "QUEUED");
        String settled = submitPayment(ALPHA, BRAVO, "12.34");
        awaitPaymentStatus(settled, "SETTLED");
        assertThat(body(ALPHA, "/api/statements/" + ALPHA)).as("the running day's statement so far")
                .contains("\"closed\":false", "\"businessDate\":\"" + today + "\"", settled);
        assertThat(body(ALPHA, "/api/statements/" + ALPHA + "/iso20022?currency=EUR"))
                .as("the running day as a camt.052 intraday report").contains("camt.052", settled);
        assertThat(post(ALPHA, "/api/business-day/cut-off").statusCode()).isEqualTo(403);
        assertThat(post("operator", "/api/business-day/close").statusCode()).as("not before the cut-off")
                .isEqualTo(409);
        assertThat(post(ALPHA, "/api/business-day/customer-cut-off").statusCode()).isEqualTo(403);
        assertThat(post("operator", "/api/business-day/customer-cut-off").statusCode()).isEqualTo(200);
        String lateCustomerPayment = submitPayment(ALPHA, BRAVO, "1.00");
        awaitPaymentStatus(lateCustomerPayment, "REJECTED");
        assertThat(body(ALPHA, "/api/payments/" + lateCustomerPayment)).contains("TM01", "customer cut-off");

        assertThat(post("operator", "/api/business-day/cut-off").statusCode()).isEqualTo(200);
        String late = submitPayment(ALPHA, BRAVO, "1.00");
        awaitPaymentStatus(late, "REJECTED");
        assertThat(body(ALPHA, "/api/payments/" + late)).contains("TM01", "past its cut-off");

        assertThat(post("operator", "/api/business-day/close").statusCode()).isEqualTo(200);
        awaitPaymentStatus(queued, "CANCELLED");
        assertThat(body(DELTA, "/api/payments/" + queued)).contains("TM01");
        Eventually.until("Delta told by a pacs.002 RJCT TM01", () -> body(DELTA, "/api/iso20022/outbox/" + DELTA)
                .contains("TM01"));

        String statement = body(ALPHA, "/api/statements/" + ALPHA + "?date=" + today);
        assertThat(statement).contains("\"closed\":true", "\"direction\":\"DBIT\",\"amount\":\"12.34\"",
                "\"counterparty\":\"" + BRAVO + "\",\"reference\":\"" + settled + "\"");
        assertThat(closingBalance(statement)).as("the statement ends at the balance the position holds")
                .isEqualTo(balance(body(ALPHA, "/api/positions/" + ALPHA)));
        assertThat(get(BRAVO, "/api/statements/" + ALPHA + "?date=" + today).statusCode()).isEqualTo(403);
        Eventually.until("Alpha sent its camt.053 end-of-day statement", () -> {
            String outbox = body(ALPHA, "/api/iso20022/outbox/" + ALPHA + "?limit=1000");
            return outbox.contains("camt.053") && outbox.contains(settled);
        });
        assertThat(body(ALPHA, "/api/statements/" + ALPHA + "/iso20022?currency=EUR&date=" + today))
                .contains("camt.053", settled, "Cd>CLBD</");

        assertThat(postJson("operator", "/api/business-day/open", "{\"date\":\"" + today + "\"}").statusCode())
                .as("a closed day never reopens").isEqualTo(400);
        assertThat(postJson("operator", "/api/business-day/open", "{\"date\":\"" + today.plusDays(1) + "\"}")
                .statusCode()).isEqualTo(200);
        String next = submitPayment(ALPHA, BRAVO, "1.00");
        awaitPaymentStatus(next, "SETTLED");
    }

    private static String closingBalance(String statementJson) {
        return field(statementJson, "\"closing\":\"");
    }

    private static String balance(String positionJson) {
        return field(positionJson, "\"balance\":\"");
    }

    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        assertThat(start).as(prefix + " in " + json).isNotNegative();
        start += prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
