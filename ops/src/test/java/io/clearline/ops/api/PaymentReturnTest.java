package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs004Template;
import io.clearline.ops.load.Pacs008Template;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cancellations and returns on a running node: a payer's camt.056 cancels a queued payment, or goes on to
 * the payee of a settled one, who returns it with a pacs.004; the payer gets its money and the pacs.004, one
 * return per forwarded pacs.004 even when the payee returned several payments in one.
 */
class PaymentReturnTest extends DemoNodeTest {

    @Test
    void bravoReturnsAlphasPaymentInTwoPartsAndAlphaIsMadeWhole() throws Exception {
        String uetr = UUID.randomUUID().toString();
        assertThat(postXml(ALPHA, Pacs008Template.creditTransfer("RT-" + uetr.substring(0, 8), uetr, ALPHA, BRAVO,
                "250.00", "EUR", LocalDate.now())).statusCode()).isEqualTo(202);
        awaitPaymentStatus(uetr, "SETTLED");
        Eventually.until("Alpha paid", () -> body(ALPHA, "/api/positions/" + ALPHA)
                .contains("\"balance\":\"9999750.00\""));

        HttpResponse<String> first = postXml(BRAVO, pacs004("RET-1-" + uetr.substring(0, 8), uetr, "100.00"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        Eventually.until("the first return noted on the payment", () -> body(ALPHA, "/api/payments/" + uetr)
                .contains("returned 10000 EUR"));
        Eventually.until("the pacs.004 forwarded to Alpha", () -> body(ALPHA, "/api/iso20022/outbox/" + ALPHA)
                .contains("pacs.004"));

        HttpResponse<String> tooMuch = postXml(BRAVO, pacs004("RET-X-" + uetr.substring(0, 8), uetr, "150.01"));
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("AM09");

        HttpResponse<String> rest = postXml(BRAVO, pacs004("RET-2-" + uetr.substring(0, 8), uetr, "150.00"));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(202);
        awaitPaymentStatus(uetr, "RETURNED");
        Eventually.until("Alpha made whole", () -> body(ALPHA, "/api/positions/" + ALPHA)
                .contains("\"balance\":\"10000000.00\""));

        HttpResponse<String> notTheirs = postXml(ALPHA, pacs004("RET-A-" + uetr.substring(0, 8), uetr, "1.00"));
        assertThat(notTheirs.statusCode()).as("the payer cannot return its own payment").isEqualTo(400);
    }

    @Test
    void bravoReturnsTwoPaymentsInOnePacs004AndAlphaIsForwardedEachReturnAlone() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (String uetr : List.of(first, second)) {
            assertThat(postXml(ALPHA, Pacs008Template.creditTransfer("R2-" + uetr.substring(0, 8), uetr, ALPHA,
                    BRAVO, "40.00", "EUR", LocalDate.now())).statusCode()).isEqualTo(202);
            awaitPaymentStatus(uetr, "SETTLED");
        }
        String messageId = "RET2-" + first.substring(0, 8);
        String xml = """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09">
                  <PmtRtr>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm><NbOfTxs>2</NbOfTxs><CtrlSum>80.00</CtrlSum>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    %s%s
                  </PmtRtr>
                </Document>
                """.formatted(messageId, now(), returnOf(messageId + "-1", first, "40.00"),
                returnOf(messageId + "-2", second, "40.00"));

        HttpResponse<String> accepted = postXml(BRAVO, xml);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        // Both in full, so that Alpha ends where it started and the other tests' balances hold.
        awaitPaymentStatus(first, "RETURNED");
        awaitPaymentStatus(second, "RETURNED");
        Eventually.until("Alpha forwarded each return alone", () -> {
            List<String> forwarded = OutboxMessages.ofType(body(ALPHA, "/api/iso20022/outbox/" + ALPHA + "?limit=1000"),
                    "pacs.004").stream()
                    .filter(message -> message.contains(messageId)).toList();
            return forwarded.size() == 2
                    && forwarded.stream().anyMatch(message -> message.contains(first) && !message.contains(second)
                            && message.matches("(?s).*NbOfTxs>1<.*CtrlSum>40.00<.*"))
                    && forwarded.stream().anyMatch(message -> message.contains(second) && !message.contains(first)
                            && message.matches("(?s).*NbOfTxs>1<.*CtrlSum>40.00<.*"));
        });
    }

    /** One return (TxInf) by Bravo of Alpha's payment. */
    private static String returnOf(String returnId, String originalUetr, String amount) {
        return """
                <TxInf>
                  <RtrId>%s</RtrId><OrgnlEndToEndId>NOTPROVIDED</OrgnlEndToEndId><OrgnlUETR>%s</OrgnlUETR>
                  <RtrdIntrBkSttlmAmt Ccy="EUR">%s</RtrdIntrBkSttlmAmt>
                  <IntrBkSttlmDt>%s</IntrBkSttlmDt>
                  <InstgAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstgAgt>
                  <InstdAgt><FinInstnId><BICFI>%s</BICFI></FinInstnId></InstdAgt>
                  <RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf>
                </TxInf>
                """.formatted(returnId, originalUetr, amount, LocalDate.now(), BRAVO, ALPHA);
    }

    @Test
    void aCancellationRequestCancelsAQueuedPaymentAndPassesASettledOneToItsPayeeWhoReturnsIt() throws Exception {
        String queued = UUID.randomUUID().toString();
        assertThat(postXml(DELTA, Pacs008Template.creditTransfer("CQ-" + queued.substring(0, 8), queued, DELTA, ALPHA,
                "5000.00", "EUR", LocalDate.now())).statusCode()).isEqualTo(202);
        awaitPaymentStatus(queued, "QUEUED");
        HttpResponse<String> cancelQueued = postXml(DELTA, camt056("CXL-Q-" + queued.substring(0, 8), DELTA, queued));
        assertThat(cancelQueued.statusCode()).as(cancelQueued.body()).isEqualTo(202);
        assertThat(cancelQueued.body()).contains("ACCR");
        awaitPaymentStatus(queued, "CANCELLED");

        String settled = UUID.randomUUID().toString();
        assertThat(postXml(ALPHA, Pacs008Template.creditTransfer("CS-" + settled.substring(0, 8), settled, ALPHA, BRAVO,
                "75.00", "EUR", LocalDate.now())).statusCode()).isEqualTo(202);
        awaitPaymentStatus(settled, "SETTLED");
        HttpResponse<String> cancelSettled = postXml(ALPHA, camt056("CXL-S-" + settled.substring(0, 8), ALPHA, settled));
        assertThat(cancelSettled.statusCode()).as(cancelSettled.body()).isEqualTo(202);
        assertThat(cancelSettled.body()).contains("PDCR");
        Eventually.until("the request passed on to Bravo", () -> body(BRAVO, "/api/iso20022/outbox/" + BRAVO)
                .contains("CXL-S-" + settled.substring(0, 8)));

        assertThat(postXml(BRAVO, pacs004("RET-C-" + settled.substring(0, 8), settled, "75.00")).statusCode())
                .isEqualTo(202);
        awaitPaymentStatus(settled, "RETURNED");
    }

    private static String camt056(String assignmentId, String payer, String uetr) {
        return """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.056.001.08">
                  <FIToFIPmtCxlReq>
                    <Assgnmt><Id>%1$s</Id>
                      <Assgnr><Agt><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></Agt></Assgnr>
                      <Assgne><Agt><FinInstnId><BICFI>CENBEUCBXXX</BICFI></FinInstnId></Agt></Assgne>
                      <CreDtTm>%4$s</CreDtTm></Assgnmt>
                    <Undrlyg><TxInf>
                      <Case><Id>%1$s</Id><Cretr><Agt><FinInstnId><BICFI>%2$s</BICFI></FinInstnId></Agt></Cretr></Case>
                      <OrgnlEndToEndId>E2E</OrgnlEndToEndId><OrgnlUETR>%3$s</OrgnlUETR>
                      <CxlRsnInf><Rsn><Cd>DUPL</Cd></Rsn></CxlRsnInf>
                    </TxInf></Undrlyg>
                  </FIToFIPmtCxlReq>
                </Document>
                """.formatted(assignmentId, payer, uetr, now());
    }

    /** Always with seconds: {@code OffsetDateTime.toString()} drops ":00", which is not an ISO 20022 date-time. */
    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A return from the original payee (the instructing agent is the channel's bank). */
    private static String pacs004(String messageId, String originalUetr, String amount) {
        String returner = messageId.startsWith("RET-A-") ? ALPHA : BRAVO;
        String returnee = returner.equals(ALPHA) ? BRAVO : ALPHA;
        return Pacs004Template.paymentReturn(messageId, originalUetr, returner, returnee, amount, "EUR", "AC04",
                LocalDate.now());
    }
}
