package io.clearline.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Operators see the ledger's flows through the API. Retrying and killing are proved on parked flows in
 * the flows module's own tests; here, what a node shows and who may act.
 */
class FlowsApiTest extends DemoNodeTest {

    @Test
    void aSettledPaymentsFlowIsListedAsCompletedAndNothingIsParked() throws Exception {
        String uetr = UUID.randomUUID().toString();
        assertThat(postXml(ALPHA, Pacs008Template.creditTransfer("FL-" + uetr.substring(0, 8), uetr, ALPHA, BRAVO,
                "3.00", "EUR", LocalDate.now())).statusCode()).isEqualTo(202);
        Eventually.until("the payment's flow completed", () -> body("operator", "/api/flows?status=COMPLETED&size=500")
                .contains("\"flowId\":\"payment:" + uetr + "\""));
        assertThat(body("regulator", "/api/flows")).contains("\"status\":\"PARKED\"", "\"flows\":[]");
    }

    @Test
    void onlyTheOperatorActsAndAnUnknownFlowIsNotFound() throws Exception {
        assertThat(get(ALPHA, "/api/flows").statusCode()).isEqualTo(403);
        assertThat(post("regulator", "/api/flows/payment:x/retry").statusCode()).isEqualTo(403);
        assertThat(post("operator", "/api/flows/payment:unknown/retry").statusCode()).isEqualTo(404);
        assertThat(postJson("operator", "/api/flows/payment:unknown/kill", "{\"reason\":\"stuck\"}").statusCode())
                .isEqualTo(404);
        assertThat(postJson("operator", "/api/flows/payment:unknown/kill", "{}").statusCode())
                .as("a kill says why").isEqualTo(400);
        assertThat(get("operator", "/api/flows?status=SLEEPING").statusCode()).isEqualTo(400);
    }
}
