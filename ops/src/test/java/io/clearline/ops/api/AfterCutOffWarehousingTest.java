package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A node configured to warehouse payments after the cut-off: the payer hears PDNG, then ACSC the next day. */
class AfterCutOffWarehousingTest extends DemoNodeTest {
    private static final String LATE_BANK = "LATEEULLXXX";

    @DynamicPropertySource
    static void warehouseAfterTheCutOff(DynamicPropertyRegistry registry) {
        registry.add("clearline.business-day.after-cut-off", () -> "WAREHOUSE");
    }

    @Test
    void pastTheCutOffAPaymentIsWarehousedThePayerToldPendingAndItSettlesWhenTheNextDayOpens() throws Exception {
        admitWithPledge(LATE_BANK, "Late Bank", "100.00");
        LocalDate today = LocalDate.now();
        assertThat(postJson("operator", "/api/business-day/open", "{\"date\":\"" + today + "\"}").statusCode())
                .isEqualTo(200);
        Eventually.until("the day open", () -> body(ALPHA, "/api/business-day").contains("\"phase\":\"OPEN\""));
        assertThat(post("operator", "/api/business-day/cut-off").statusCode()).isEqualTo(200);

        String late = submitPayment(LATE_BANK, BRAVO, "12.00");
        awaitPaymentStatus(late, "WAREHOUSED");
        assertThat(body(LATE_BANK, "/api/payments/" + late)).contains("TM01", "past its cut-off",
                "warehoused until the next business day opens");
        assertThat(body("operator", "/api/payments?bic=" + LATE_BANK + "&status=warehoused")).contains(late);
        Eventually.until("the payer told by a pacs.002 PDNG", () -> {
            String outbox = body(LATE_BANK, "/api/iso20022/outbox/" + LATE_BANK);
            return outbox.contains(late) && outbox.contains("PDNG");
        });

        String withdrawn = submitPayment(LATE_BANK, BRAVO, "1.00");
        awaitPaymentStatus(withdrawn, "WAREHOUSED");
        assertThat(post(BRAVO, "/api/payments/" + withdrawn + "/cancel").statusCode()).as("not Bravo's to cancel")
                .isEqualTo(404);
        assertThat(post(LATE_BANK, "/api/payments/" + withdrawn + "/cancel").statusCode()).isEqualTo(200);
        awaitPaymentStatus(withdrawn, "CANCELLED");

        assertThat(post("operator", "/api/business-day/close").statusCode()).isEqualTo(200);
        Eventually.until("the day closed", () -> body(ALPHA, "/api/business-day").contains("\"phase\":\"CLOSED\""));
        assertThat(body("operator", "/api/payments/" + late)).as("the close cancels the queue, not the warehouse")
                .contains("\"status\":\"WAREHOUSED\"");

        assertThat(postJson("operator", "/api/business-day/open", "{\"date\":\"" + today.plusDays(1) + "\"}")
                .statusCode()).isEqualTo(200);
        awaitPaymentStatus(late, "SETTLED");
        Eventually.until("the payer told by a pacs.002 ACSC", () -> {
            String outbox = body(LATE_BANK, "/api/iso20022/outbox/" + LATE_BANK);
            return outbox.contains(late) && outbox.contains("ACSC");
        });
        assertThat(body("operator", "/api/payments/" + withdrawn)).contains("\"status\":\"CANCELLED\"");
    }
}
