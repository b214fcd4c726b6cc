package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A bank asks a running node for its payments' status (pacs.028) and is answered with a pacs.002. */
class StatusRequestTest extends DemoNodeTest {
    private static final String CHARLIE = "CHRLEUCCXXX";

    @Test
    void aBankLearnsItsSettledPaymentIsSettledAndAnotherBankLearnsNothing() throws Exception {
        String uetr = UUID.randomUUID().toString();
        assertThat(postXml(ALPHA, Pacs008Template.creditTransfer("SR-" + uetr.substring(0, 8), uetr, ALPHA, BRAVO,
                "12.00", "EUR", LocalDate.now())).statusCode()).isEqualTo(202);
        Eventually.until("the payment settled", () -> body(ALPHA, "/api/payments/" + uetr)
                .contains("\"status\":\"SETTLED\""));

        // The payee is told by a camt.054, which must carry a real, 64-character ledger id.
        Eventually.until("Bravo's camt.054 about the payment", () -> {
            String outbox = body(BRAVO, "/api/iso20022/outbox/" + BRAVO + "?limit=1000");
            return outbox.contains("camt.054") && outbox.contains(uetr);
        });
        Eventually.until("the settlement's own pacs.002 in Alpha's outbox", () ->
                body(ALPHA, "/api/iso20022/outbox/" + ALPHA).contains(uetr));
        int mentionsBefore = mentions(body(ALPHA, "/api/iso20022/outbox/" + ALPHA), uetr);

        HttpResponse<String> asked = postXml(ALPHA, statusRequest("ASK-ALPHA-1", ALPHA, uetr));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(asked.body()).contains(uetr, "ACSC");
        // The answer is one more pacs.002 that names the payment.
        Eventually.until("the status report in Alpha's outbox", () ->
                mentions(body(ALPHA, "/api/iso20022/outbox/" + ALPHA), uetr) > mentionsBefore);

        HttpResponse<String> nosy = postXml(CHARLIE, statusRequest("ASK-CHARLIE-1", CHARLIE, uetr));
        assertThat(nosy.statusCode()).as(nosy.body()).isEqualTo(202);
        assertThat(nosy.body()).doesNotContain("ACSC").contains("RJCT");
    }

    private static int mentions(String text, String term) {
        return text.split(java.util.regex.Pattern.quote(term), -1).length - 1;
    }

    private static String statusRequest(String messageId, String requester, String uetr) {
        return """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.028.001.03">
                  <FIToFIPmtStsReq>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm></GrpHdr>
                    <TxInf>
                      <StsReqId>%s-1</StsReqId>
                      <OrgnlUETR>%s</OrgnlUETR>
                      <InstgAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>CENBEUCBXXX</BICFI></FinInstnId></InstdAgt>
                    </TxInf>
                  </FIToFIPmtStsReq>
                </Document>
                """.formatted(messageId,
                // Instant always prints seconds; OffsetDateTime drops ":00", which ISO 20022 refuses.
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), messageId, uetr, requester);
    }
}
