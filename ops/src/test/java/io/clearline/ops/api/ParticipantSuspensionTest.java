package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The operator suspends, reactivates and removes participants while the network runs. */
class ParticipantSuspensionTest extends DemoNodeTest {

    @Test
    void aSuspendedBankIsNeitherPaidNorPaysAndItsQueueWaitsUntilItIsReactivated() throws Exception {
        String queued = submitPayment(DELTA, ALPHA, "5000.00");
        awaitPaymentStatus(queued, "QUEUED");

        HttpResponse<String> suspended = postJson("operator", "/api/participants/" + DELTA + "/suspend",
                "{\"reason\":\"missed the margin call\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        Eventually.until("Delta listed as suspended", () -> listed(DELTA).contains("\"status\":\"SUSPENDED\""));
        Eventually.until("Delta's queue frozen", () -> body(DELTA, "/api/queues/" + DELTA)
                .contains("\"frozen\":[\"EUR\"]"));

        String toDelta = submitPayment(ALPHA, DELTA, "1.00");
        awaitPaymentStatus(toDelta, "REJECTED");
        assertThat(body(ALPHA, "/api/payments/" + toDelta)).contains("CNOR", "missed the margin call");
        Eventually.until("Alpha told with a pacs.002 RJCT CNOR", () -> body(ALPHA, "/api/iso20022/outbox/" + ALPHA)
                .contains("CNOR"));
        String fromDelta = submitPayment(DELTA, ALPHA, "1.00");
        awaitPaymentStatus(fromDelta, "REJECTED");
        assertThat(body(DELTA, "/api/payments/" + fromDelta)).contains("DNOR");

        // Enough to cover the queued payment: the frozen queue still holds it.
        HttpResponse<String> pledged = postJson("operator", "/api/participants/" + DELTA + "/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"10000.00\",\"currency\":\"EUR\"}");
        assertThat(pledged.statusCode()).as(pledged.body()).isEqualTo(202);
        Eventually.until("the pledge on Delta's position", () -> body(DELTA, "/api/positions/" + DELTA)
                .contains("\"balance\":\"11000.00\""));
        assertThat(body(DELTA, "/api/payments/" + queued)).contains("\"status\":\"QUEUED\"");

        assertThat(post("operator", "/api/participants/" + DELTA + "/reactivate").statusCode()).isEqualTo(200);
        awaitPaymentStatus(queued, "SETTLED");
    }

    @Test
    void onlyASuspendedBankIsRemovedAndOnlyByTheOperator() throws Exception {
        String hotel = "HOTLEUHHXXX";
        assertThat(postJson("operator", "/api/participants", "{\"bic\":\"" + hotel + "\",\"name\":\"Hotel Bank\"}")
                .statusCode()).isEqualTo(201);
        assertThat(delete("operator", "/api/participants/" + hotel).statusCode()).as("active").isEqualTo(409);
        assertThat(postJson(ALPHA, "/api/participants/" + hotel + "/suspend", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(postJson("operator", "/api/participants/" + hotel + "/suspend", "{\"reason\":\"closing\"}")
                .statusCode()).isEqualTo(200);
        assertThat(delete(ALPHA, "/api/participants/" + hotel).statusCode()).isEqualTo(403);
        assertThat(delete("operator", "/api/participants/" + hotel).statusCode()).isEqualTo(200);
        Eventually.until("Hotel listed as removed", () -> listed(hotel).contains("\"status\":\"REMOVED\""));
        assertThat(post("operator", "/api/participants/" + hotel + "/reactivate").statusCode()).isEqualTo(409);
        assertThat(postJson("operator", "/api/participants/UNKNEUUUXXX/suspend", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(postJson("operator", "/api/participants/" + ALPHA + "/suspend", "{}").statusCode())
                .as("a suspension without a reason").isEqualTo(400);
    }

    /** The participant's entry in the list, as JSON; its fields come in no particular order. */
    private String listed(String bic) {
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("\\{[^{}]*\"" + bic + "\"[^{}]*}")
                .matcher(body("operator", "/api/participants"));
        return entry.find() ? entry.group() : "";
    }

    private HttpResponse<String> delete(String user, String path) throws Exception {
        return send(user, HttpRequest.newBuilder(uri(path)).DELETE());
    }
}
