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

/**
 * Every bad request to the node's HTTP interfaces gets a clear answer (a problem document with the
 * ISO reason where there is one), and no bank can see or move another bank's money.
 */
class ChannelRefusalsTest extends DemoNodeTest {
    @Test
    void requestWithoutCredentialsIsUnauthenticated() throws Exception {
        HttpResponse<String> response = send(null, HttpRequest.newBuilder(uri("/api/positions/" + ALPHA)).GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(PROBLEM));
    }

    @Test
    void bankCannotSpendAnotherBanksMoney() throws Exception {
        String uetr = UUID.randomUUID().toString();
        HttpResponse<String> response = postXml(ALPHA, payment(uetr, BRAVO, ALPHA));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"reasonCode\":\"AG01\"");
        assertThat(get("operator", "/api/payments/" + uetr).statusCode()).isEqualTo(404);
        assertThat(get(ALPHA, "/api/iso20022/outbox/" + ALPHA).body()).contains("RJCT").contains("AG01");
    }

    @Test
    void bankSeesNeitherAnotherBanksPositionNorItsOutbox() throws Exception {
        assertThat(get(ALPHA, "/api/positions/" + BRAVO).statusCode()).isEqualTo(403);
        assertThat(get(ALPHA, "/api/iso20022/outbox/" + BRAVO).statusCode()).isEqualTo(403);
        assertThat(get(ALPHA, "/api/positions/" + ALPHA).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyABanksOwnSystemMaySubmitMessages() throws Exception {
        HttpResponse<String> response = postXml("operator", payment(UUID.randomUUID().toString(), ALPHA, BRAVO));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void messageThatIsNotWellFormedIsRefusedWithFF01() throws Exception {
        HttpResponse<String> response = postXml(ALPHA, "<Document><FIToFICstmrCdtTrf></Document>");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(PROBLEM));
        assertThat(response.body()).contains("\"reasonCode\":\"FF01\"");
    }

    @Test
    void bodyThatIsNotXmlIsUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = send(ALPHA, HttpRequest.newBuilder(uri("/api/iso20022/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void messageAboveTheSizeCapIsRefusedUnread() throws Exception {
        String oversized = "<Document>" + "x".repeat(1_048_577) + "</Document>";
        HttpResponse<String> response = postXml(ALPHA, oversized);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"reasonCode\":\"FF01\"");
    }

    @Test
    void regulatorSeesACleanAuditAndNoBankSeesItAtAll() throws Exception {
        Eventually.until("the opening balances audited", () -> {
            String audit = body("regulator", "/api/audit");
            // Other tests here pledge more, so the figures vary; the verdict and the balance must not.
            return audit.contains("\"verdict\":\"CLEAN\"") && audit.contains("\"balanced\":true")
                    && !audit.contains("\"balanced\":false");
        });
        assertThat(get(ALPHA, "/api/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void unknownPathsAreClosed() throws Exception {
        assertThat(get(ALPHA, "/internal/anything").statusCode()).isIn(401, 403);
    }

    @Test
    void operatorAdmitsABankThatCanThenSignInAndReceiveAPledge() throws Exception {
        HttpResponse<String> admitted = postJson("operator", "/api/participants",
                "{\"bic\":\"ECHOEUEEXXX\",\"name\":\"Echo Bank\"}");
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);

        HttpResponse<String> pledged = postJson("operator", "/api/participants/ECHOEUEEXXX/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"500.00\",\"currency\":\"EUR\"}");
        assertThat(pledged.statusCode()).as(pledged.body()).isEqualTo(202);

        Eventually.until("Echo Bank's pledge on its position", () -> body("ECHOEUEEXXX", "/api/positions/ECHOEUEEXXX")
                .contains("\"balance\":\"500.00\""));
    }

    @Test
    void aBankSearchesOnlyItsOwnPaymentsAndTheRegulatorAnyBanks() throws Exception {
        String uetr = UUID.randomUUID().toString();
        assertThat(postXml(ALPHA, payment(uetr, ALPHA, BRAVO)).statusCode()).isEqualTo(202);
        Eventually.until("Alpha's payment in its search", () -> body(ALPHA, "/api/payments?size=500").contains(uetr));
        assertThat(body(BRAVO, "/api/payments?bic=" + BRAVO + "&size=500")).contains(uetr);
        assertThat(body(DELTA, "/api/payments?size=500")).doesNotContain(uetr);
        assertThat(get(DELTA, "/api/payments?bic=" + ALPHA).statusCode()).isEqualTo(403);
        Eventually.until("the regulator finding it among Alpha's settled payments", () ->
                body("regulator", "/api/payments?bic=" + ALPHA + "&status=SETTLED&size=500").contains(uetr));
        assertThat(get("operator", "/api/payments?status=LOST").statusCode()).isEqualTo(400);
        assertThat(get("operator", "/api/payments?size=501").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheOperatorAdmitsAndABankMovesOnlyItsOwnLiquidity() throws Exception {
        assertThat(postJson(ALPHA, "/api/participants", "{\"bic\":\"FOXTEUFFXXX\",\"name\":\"Fox\"}")
                .statusCode()).isEqualTo(403);
        assertThat(postJson(ALPHA, "/api/participants/" + BRAVO + "/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"1.00\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(403);
        assertThat(postJson(ALPHA, "/api/participants/" + ALPHA + "/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"1.00\",\"currency\":\"EUR\"}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void pledgeWithMoreDecimalsThanTheCurrencyHasIsRefused() throws Exception {
        HttpResponse<String> response = postJson("operator", "/api/participants/" + ALPHA + "/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"1.001\",\"currency\":\"EUR\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(PROBLEM));
    }

    private String payment(String uetr, String payer, String payee) {
        return Pacs008Template.creditTransfer("TEST-" + uetr.substring(0, 8), uetr, payer, payee, "10.00", "EUR",
                LocalDate.now());
    }

}
