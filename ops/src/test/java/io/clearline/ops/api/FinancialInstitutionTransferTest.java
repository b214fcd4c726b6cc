package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A bank moves its own money to another with a pacs.009: it settles, and the payee gets the pacs.009. */
class FinancialInstitutionTransferTest extends DemoNodeTest {

    @Test
    void aPacs009SettlesBetweenTheTwoBanksAndIsForwardedToThePayee() throws Exception {
        String uetr = UUID.randomUUID().toString();
        HttpResponse<String> accepted = postXml(ALPHA, pacs009("FI-" + uetr.substring(0, 8), uetr, ALPHA, BRAVO,
                "1000.00"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        awaitPaymentStatus(uetr, "SETTLED");
        Eventually.until("the pacs.009 forwarded to Bravo", () -> {
            String outbox = body(BRAVO, "/api/iso20022/outbox/" + BRAVO + "?limit=1000");
            return outbox.contains("pacs.009") && outbox.contains(uetr);
        });
        Eventually.until("Alpha told it settled", () -> body(ALPHA, "/api/iso20022/outbox/" + ALPHA + "?limit=1000")
                .contains(uetr));
    }

    private static String pacs009(String messageId, String uetr, String payer, String payee, String amount) {
        return """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
                  <FICdtTrf>
                    <GrpHdr><MsgId>%1$s</MsgId><CreDtTm>%2$s</CreDtTm><NbOfTxs>1</NbOfTxs>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    <CdtTrfTxInf>
                      <PmtId><InstrId>%1$s</InstrId><EndToEndId>E2E-%1$s</EndToEndId><UETR>%3$s</UETR></PmtId>
                      <IntrBkSttlmAmt Ccy="EUR">%6$s</IntrBkSttlmAmt>
                      <IntrBkSttlmDt>%7$s</IntrBkSttlmDt>
                      <InstgAgt><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>%5$s</BICFI></FinInstnId></InstdAgt>
                      <Dbtr><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></Dbtr>
                      <Cdtr><FinInstnId><BICFI>%5$s</BICFI></FinInstnId></Cdtr>
                    </CdtTrfTxInf>
                  </FICdtTrf>
                </Document>
                """.formatted(messageId, Instant.now().truncatedTo(ChronoUnit.SECONDS), uetr, payer, payee, amount,
                LocalDate.now());
    }
}
