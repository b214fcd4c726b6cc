package io.clearline.ops.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A one-transaction pacs.004.001.09 return, as the payee bank of a settled payment would send it to
 * Clearline. Used by the specifications and the node's tests, which must speak to a node only as a
 * bank does.
 */
public final class Pacs004Template {
    private Pacs004Template() {
    }

    /**
     * @param returnerBic the original payment's payee, which sends the money back
     * @param returneeBic the original payment's payer, which gets it back
     * @param amount the amount as ISO 20022 writes it: a decimal in the currency's scale ({@code "120.00"})
     * @param reasonCode an ISO external return reason code, such as AC04 (closed account)
     */
    public static String paymentReturn(String messageId, String originalUetr, String returnerBic, String returneeBic,
                                       String amount, String currency, String reasonCode, LocalDate settlementDate) {
        return """
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09">
                  <PmtRtr>
                    <GrpHdr><MsgId>%1$s</MsgId><CreDtTm>%2$s</CreDtTm><NbOfTxs>1</NbOfTxs>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    <TxInf>
                      <RtrId>%1$s</RtrId><OrgnlEndToEndId>NOTPROVIDED</OrgnlEndToEndId><OrgnlUETR>%3$s</OrgnlUETR>
                      <RtrdIntrBkSttlmAmt Ccy="%6$s">%5$s</RtrdIntrBkSttlmAmt>
                      <IntrBkSttlmDt>%8$s</IntrBkSttlmDt>
                      <InstgAgt><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>%7$s</BICFI></FinInstnId></InstdAgt>
                      <RtrRsnInf><Rsn><Cd>%9$s</Cd></Rsn></RtrRsnInf>
                    </TxInf>
                  </PmtRtr>
                </Document>
                """.formatted(messageId, Instant.now().truncatedTo(ChronoUnit.SECONDS), originalUetr, returnerBic,
                amount, currency, returneeBic, settlementDate, reasonCode);
    }
}
