package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A bank's treasury manages its queue through the API: see it, hold, release, reprioritise and cancel a payment. */
class QueueManagementTest extends DemoNodeTest {
    @Test
    void treasuryHoldsReleasesAndCancelsItsQueuedPayment() throws Exception {
        String uetr = queueUncoveredPaymentFromDelta();
        // The read side follows the commands asynchronously, so each read waits (bounded) for it.
        Eventually.until("the payment in Delta Bank's queue", () -> body(DELTA, "/api/queues/" + DELTA)
                .contains(uetr));
        Eventually.until("the queued amount on the position", () -> body(DELTA, "/api/positions/" + DELTA)
                .contains("\"queuedOut\":\"5000.00\""));

        assertThat(post(DELTA, "/api/payments/" + uetr + "/hold").statusCode()).isEqualTo(200);
        Eventually.until("the payment held", () -> body(DELTA, "/api/queues/" + DELTA).contains("\"held\":true"));
        assertThat(post(DELTA, "/api/payments/" + uetr + "/release").statusCode()).isEqualTo(200);
        Eventually.until("the payment released", () -> body(DELTA, "/api/queues/" + DELTA)
                .contains("\"held\":false"));

        assertThat(post(DELTA, "/api/payments/" + uetr + "/cancel").statusCode()).isEqualTo(200);
        Eventually.until("the payment to be cancelled", () -> body(DELTA, "/api/payments/" + uetr)
                .contains("\"status\":\"CANCELLED\""));
        Eventually.until("Delta Bank to be told", () -> body(DELTA, "/api/iso20022/outbox/" + DELTA)
                .contains(uetr));
        Eventually.until("the payment gone from the queue", () -> !body(DELTA, "/api/queues/" + DELTA)
                .contains(uetr));
        assertThat(post(DELTA, "/api/payments/" + uetr + "/cancel").statusCode()).isEqualTo(409);
    }

    @Test
    void normalPaymentBeyondTheBilateralLimitWaitsUntilTheLimitIsRaised() throws Exception {
        String limits = "/api/participants/" + BRAVO + "/limits/bilateral/" + ALPHA;
        assertThat(putJson(BRAVO, limits, "{\"amount\":\"100.00\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(200);
        String uetr = UUID.randomUUID().toString();
        postXml(BRAVO, Pacs008Template.creditTransfer("L-" + uetr.substring(0, 8), uetr, BRAVO, ALPHA, "250.00",
                "EUR", LocalDate.now()));
        Eventually.until("the payment queued behind the limit", () -> {
            String payment = body(BRAVO, "/api/payments/" + uetr);
            return payment.contains("\"status\":\"QUEUED\"") && payment.contains("bilateral limit");
        });

        assertThat(putJson(BRAVO, limits, "{\"amount\":\"1000.00\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(200);
        Eventually.until("the payment settled", () -> body(BRAVO, "/api/payments/" + uetr)
                .contains("\"status\":\"SETTLED\""));
        assertThat(putJson(ALPHA, limits, "{\"amount\":\"1.00\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void treasuryRaisesAPaymentStuckBehindALargerOneAndItSettles() throws Exception {
        String blocking = queueUncoveredPaymentFromDelta();
        String small = UUID.randomUUID().toString();
        postXml(DELTA, Pacs008Template.creditTransfer("P-" + small.substring(0, 8), small, DELTA, ALPHA, "10.00",
                "EUR", LocalDate.now()));
        Eventually.until("the small payment waiting behind the large one", () -> body(DELTA, "/api/payments/" + small)
                .contains("\"status\":\"QUEUED\""));

        HttpResponse<String> urgent = postJson(DELTA, "/api/payments/" + small + "/priority", "{\"priority\":\"URGENT\"}");
        assertThat(urgent.statusCode()).as("URGENT is the central bank's").isEqualTo(400);
        HttpResponse<String> raised = postJson(DELTA, "/api/payments/" + small + "/priority", "{\"priority\":\"HIGH\"}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);

        Eventually.until("the raised payment settled", () -> body(DELTA, "/api/payments/" + small)
                .contains("\"status\":\"SETTLED\""));
        assertThat(body(DELTA, "/api/payments/" + blocking)).contains("\"status\":\"QUEUED\"");
        assertThat(postJson(ALPHA, "/api/payments/" + blocking + "/priority", "{\"priority\":\"HIGH\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void liquidityKeptForHighPaymentsServesAHighPaymentWhileANormalOneWaits() throws Exception {
        // A bank of its own, so that no payment another test left queued stands in the way.
        String kilo = "KILOEUKKXXX";
        admitWithPledge(kilo, "Kilo Bank", "1000.00");
        String reservation = "/api/participants/" + kilo + "/reservations/HIGH";
        assertThat(putJson(ALPHA, reservation, "{\"amount\":\"1.00\",\"currency\":\"EUR\"}").statusCode())
                .as("a bank keeps only its own liquidity").isEqualTo(403);
        assertThat(putJson(kilo, reservation, "{\"amount\":\"900.00\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(200);

        String normal = UUID.randomUUID().toString();
        postXml(kilo, Pacs008Template.creditTransfer("N-" + normal.substring(0, 8), normal, kilo, ALPHA, "500.00",
                "EUR", LocalDate.now()));
        Eventually.until("the normal payment waiting outside the kept liquidity", () -> {
            String payment = body(kilo, "/api/payments/" + normal);
            return payment.contains("\"status\":\"QUEUED\"") && payment.contains("kept for higher priorities");
        });
        String high = UUID.randomUUID().toString();
        postXml(kilo, Pacs008Template.creditTransfer("H-" + high.substring(0, 8), high, kilo, ALPHA, "800.00",
                "EUR", LocalDate.now(), true));
        Eventually.until("the high payment settled from the kept liquidity", () -> body(kilo, "/api/payments/" + high)
                .contains("\"status\":\"SETTLED\""));
        // 200 left, all of it free once the reservation goes: still short of 500, so the normal one waits on.
        assertThat(send(kilo, HttpRequest.newBuilder(uri(reservation + "?currency=EUR")).DELETE()).statusCode())
                .isEqualTo(200);
        assertThat(body(kilo, "/api/payments/" + normal)).contains("\"status\":\"QUEUED\"");
    }

    @Test
    void withFifoBypassACoveredPaymentOvertakesTheQueuedOneThatCannotSettle() throws Exception {
        String lima = "LIMAEULLXXX";
        admitWithPledge(lima, "Lima Bank", "100.00");
        String blocking = submitPayment(lima, ALPHA, "5000.00");
        awaitPaymentStatus(blocking, "QUEUED");
        String small = submitPayment(lima, ALPHA, "10.00");
        awaitPaymentStatus(small, "QUEUED");

        assertThat(putJson(lima, "/api/participants/" + lima + "/fifo-bypass",
                "{\"enabled\":true,\"currency\":\"EUR\"}").statusCode()).isEqualTo(200);

        awaitPaymentStatus(small, "SETTLED");
        assertThat(body(lima, "/api/payments/" + blocking)).contains("\"status\":\"QUEUED\"");
        assertThat(putJson(ALPHA, "/api/participants/" + lima + "/fifo-bypass",
                "{\"enabled\":false,\"currency\":\"EUR\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void theWhatIfTellsATreasuryWhetherAPaymentWouldSettleAndWhyNot() throws Exception {
        String whatIf = "/api/participants/" + ALPHA + "/what-if";
        HttpResponse<String> settles = postJson(ALPHA, whatIf,
                "{\"payee\":\"" + BRAVO + "\",\"amount\":\"100.00\",\"currency\":\"EUR\"}");
        assertThat(settles.statusCode()).as(settles.body()).isEqualTo(200);
        assertThat(settles.body()).contains("\"outcome\":\"SETTLES_NOW\"");
        String tooMuch = postJson(ALPHA, whatIf,
                "{\"payee\":\"" + BRAVO + "\",\"amount\":\"99000000.00\",\"currency\":\"EUR\"}").body();
        assertThat(tooMuch).contains("\"outcome\":\"QUEUES\"", "AM04");
        assertThat(postJson(BRAVO, whatIf, "{\"payee\":\"" + BRAVO + "\",\"amount\":\"1.00\",\"currency\":\"EUR\"}")
                .statusCode()).as("a bank asks only about its own account").isEqualTo(403);
        assertThat(body(ALPHA, "/api/positions/" + ALPHA)).as("nothing reserved by asking")
                .contains("\"reserved\":\"0.00\"");
    }

    @Test
    void aPositionAsOfAnInstantBeforeTheNodeStartedIsEmptyAndOneAsOfNowHasTheOpeningBalance() throws Exception {
        assertThat(body(CHARLIE, "/api/positions/" + CHARLIE + "?asOf=2000-01-01T00:00:00Z"))
                .contains("\"asOf\":\"2000-01-01T00:00:00Z\"", "\"positions\":[]");
        Eventually.until("Charlie's opening balance as of now", () -> body(CHARLIE, "/api/positions/" + CHARLIE
                + "?asOf=" + java.time.Instant.now()).contains("\"balance\":\"10000000.00\""));
        assertThat(get(CHARLIE, "/api/positions/" + CHARLIE + "?asOf=yesterday").statusCode()).isEqualTo(400);
        assertThat(get(ALPHA, "/api/positions/" + CHARLIE + "?asOf=2000-01-01T00:00:00Z").statusCode()).isEqualTo(403);
    }

    private static final String CHARLIE = "CHRLEUCCXXX";

    private HttpResponse<String> putJson(String user, String path, String json) throws Exception {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void noBankActsOnAnotherBanksQueue() throws Exception {
        String uetr = queueUncoveredPaymentFromDelta();
        assertThat(post(ALPHA, "/api/payments/" + uetr + "/cancel").statusCode()).isEqualTo(404);
        assertThat(get(ALPHA, "/api/queues/" + DELTA).statusCode()).isEqualTo(403);
        assertThat(post("operator", "/api/payments/" + uetr + "/hold").statusCode()).isEqualTo(200);
    }

    private String queueUncoveredPaymentFromDelta() throws Exception {
        String uetr = UUID.randomUUID().toString();
        String xml = Pacs008Template.creditTransfer("Q-" + uetr.substring(0, 8), uetr, DELTA, ALPHA, "5000.00",
                "EUR", LocalDate.now());
        HttpResponse<String> submitted = postXml(DELTA, xml);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        Eventually.until("the payment to queue", () -> body(DELTA, "/api/payments/" + uetr)
                .contains("\"status\":\"QUEUED\""));
        return uetr;
    }
}
