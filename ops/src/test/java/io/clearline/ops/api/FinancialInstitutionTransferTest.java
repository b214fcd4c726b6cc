package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bank moves its own money to others with a pacs.009: each transfer settles, and each payee gets the pacs.009
 * with its own transfer only.
 */
class FinancialInstitutionTransferTest extends DemoNodeTest {

    @Test
    void aPacs009SettlesBetweenTheTwoBanksAndIsForwardedToThePayee() throws Exception {
        String uetr = UUID.randomUUID().toString();
        String messageId = "FI-" + uetr.substring(0, 8);
        HttpResponse<String> accepted = postXml(ALPHA, pacs009(messageId, null,
                transfer(messageId, uetr, ALPHA, BRAVO, "1000.00")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        awaitPaymentStatus(uetr, "SETTLED");
        Eventually.until("the pacs.009 forwarded to Bravo", () -> {
            String outbox = body(BRAVO, "/api/iso20022/outbox/" + BRAVO + "?limit=1000");
            return outbox.contains("pacs.009") && outbox.contains(uetr);
        });
        Eventually.until("Alpha told it settled", () -> body(ALPHA, "/api/iso20022/outbox/" + ALPHA + "?limit=1000")
                .contains(uetr));
    }

    @Test
    void aPacs009OfTwoTransfersSettlesEachAndForwardsEachPayeeOnlyItsOwn() throws Exception {
        String toBravo = UUID.randomUUID().toString();
        String toDelta = UUID.randomUUID().toString();
        String messageId = "FI2-" + toBravo.substring(0, 8);
        String xml = pacs009(messageId, "320.00", transfer(messageId + "-1", toBravo, ALPHA, BRAVO, "300.00"),
                transfer(messageId + "-2", toDelta, ALPHA, DELTA, "20.00"));

        HttpResponse<String> accepted = postXml(ALPHA, xml);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains(toBravo).contains(toDelta);
        awaitPaymentStatus(toBravo, "SETTLED");
        awaitPaymentStatus(toDelta, "SETTLED");
        Eventually.until("Bravo forwarded its own transfer alone", () ->
                forwardedOnlyItsOwn(BRAVO, toBravo, toDelta, "300.00"));
        Eventually.until("Delta forwarded its own transfer alone", () ->
                forwardedOnlyItsOwn(DELTA, toDelta, toBravo, "20.00"));
        Eventually.until("Alpha told both settled", () -> {
            List<String> reports = messagesOfType(ALPHA, "pacs.002");
            return reports.stream().anyMatch(report -> report.contains(toBravo) && report.contains("ACSC"))
                    && reports.stream().anyMatch(report -> report.contains(toDelta) && report.contains("ACSC"));
        });
    }

    /** The payee's outbox has a pacs.009 with its transfer, none with the other's, each showing one transaction. */
    private boolean forwardedOnlyItsOwn(String payee, String ownUetr, String otherUetr, String amount) {
        List<String> forwarded = messagesOfType(payee, "pacs.009");
        assertThat(forwarded).noneMatch(message -> message.contains(otherUetr));
        return forwarded.stream().anyMatch(message -> message.contains(ownUetr)
                && message.matches("(?s).*NbOfTxs>1<.*") && message.matches("(?s).*CtrlSum>" + amount + "<.*"));
    }

    private List<String> messagesOfType(String bic, String type) {
        return OutboxMessages.ofType(body(bic, "/api/iso20022/outbox/" + bic + "?limit=1000"), type);
    }

    private static String transfer(String instructionId, String uetr, String payer, String payee, String amount) {
        return """
                <CdtTrfTxInf>
                  <PmtId><InstrId>%1$s</InstrId><EndToEndId>E2E-%1$s</EndToEndId><UETR>%2$s</UETR></PmtId>
                  <IntrBkSttlmAmt Ccy="EUR">%5$s</IntrBkSttlmAmt>
                  <IntrBkSttlmDt>%6$s</IntrBkSttlmDt>
                  <InstgAgt><FinInstnId><BICFI>%3$s</BICFI></FinInstnId></InstgAgt>
                  <InstdAgt><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></InstdAgt>
                  <Dbtr><FinInstnId><BICFI>%3$s</BICFI></FinInstnId></Dbtr>
                  <Cdtr><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></Cdtr>
                </CdtTrfTxInf>
                """.formatted(instructionId, uetr, payer, payee, amount, LocalDate.now());
    }

    /** A pacs.009.001.08 of these transfers ({@link #transfer}), with a control sum when one is given. */
    private static String pacs009(String messageId, String controlSum, String... transfers) {
        return """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
                  <FICdtTrf>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm><NbOfTxs>%d</NbOfTxs>%s
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    %s
                  </FICdtTrf>
                </Document>
                """.formatted(messageId, Instant.now().truncatedTo(ChronoUnit.SECONDS), transfers.length,
                controlSum == null ? "" : "<CtrlSum>" + controlSum + "</CtrlSum>", String.join("", transfers));
    }
}
