package io.clearline.ops.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A one-transaction pacs.008.001.08 between two participants, as a bank's system would send it to
 * Clearline. Used by the load generator and by the specifications, which must speak to a node
 * only as a bank does.
 */
public final class Pacs008Template {
    private Pacs008Template() {
    }

    /**
     * @param amount the amount as ISO 20022 writes it: a decimal in the currency's scale ({@code "250.00"})
     */
    public static String creditTransfer(String messageId, String uetr, String payerBic, String payeeBic,
                                        String amount, String currency, LocalDate settlementDate) {
        return creditTransfer(messageId, uetr, payerBic, payeeBic, amount, currency, settlementDate, false);
    }

    /** As above; a {@code highPriority} payment says InstrPrty HIGH, which queues it ahead of normal ones. */
    public static String creditTransfer(String messageId, String uetr, String payerBic, String payeeBic,
                                        String amount, String currency, LocalDate settlementDate,
                                        boolean highPriority) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
                  <FIToFICstmrCdtTrf>
                    <GrpHdr>
                      <MsgId>%1$s</MsgId>
                      <CreDtTm>%2$s</CreDtTm>
                      <NbOfTxs>1</NbOfTxs>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
                    </GrpHdr>
                    <CdtTrfTxInf>
                      <PmtId>
                        <InstrId>%1$s</InstrId>
                        <EndToEndId>E2E-%1$s</EndToEndId>
                        <UETR>%3$s</UETR>
                      </PmtId>%9$s
                      <IntrBkSttlmAmt Ccy="%7$s">%6$s</IntrBkSttlmAmt>
                      <IntrBkSttlmDt>%8$s</IntrBkSttlmDt>
                      <ChrgBr>SLEV</ChrgBr>
                      <InstgAgt><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></InstgAgt>
                      <InstdAgt><FinInstnId><BICFI>%5$s</BICFI></FinInstnId></InstdAgt>
                      <Dbtr><Nm>Debtor of %4$s</Nm></Dbtr>
                      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
                      <DbtrAgt><FinInstnId><BICFI>%4$s</BICFI></FinInstnId></DbtrAgt>
                      <CdtrAgt><FinInstnId><BICFI>%5$s</BICFI></FinInstnId></CdtrAgt>
                      <Cdtr><Nm>Creditor of %5$s</Nm></Cdtr>
                      <CdtrAcct><Id><IBAN>GB82WEST12345698765432</IBAN></Id></CdtrAcct>
                    </CdtTrfTxInf>
                  </FIToFICstmrCdtTrf>
                </Document>
                """.formatted(messageId, Instant.now().truncatedTo(ChronoUnit.SECONDS), uetr, payerBic, payeeBic,
                amount, currency, settlementDate,
                highPriority ? "<PmtTpInf><InstrPrty>HIGH</InstrPrty></PmtTpInf>" : "");
    }
}
