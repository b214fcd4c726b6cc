package io.clearline.iso20022;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, valid pacs.008.001.08 (or, from {@link #pacs009()}, pacs.009.001.08 cover) written for
 * these tests; each test changes one field.
 */
public final class CreditTransferSample {

  static final String UETR = "3f1b2c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
  static final String DEBTOR_AGENT = "BANKDEFFXXX";
  static final String CREDITOR_AGENT = "BANKFRPPXXX";
  static final String SETTLEMENT_DATE = "2025-03-14";

  private final Map<String, String> values = new LinkedHashMap<>();
  private boolean withHeader = true;
  private String document = PACS_008;

  public CreditTransferSample() {
    values.put("FROM", DEBTOR_AGENT);
    values.put("MSGDEF", "pacs.008.001.08");
    values.put("NS", "pacs.008.001.08");
    values.put("MSGID", "MSG-0001");
    values.put("NBTXS", "1");
    values.put("CTRLSUM", "<CtrlSum>1234.56</CtrlSum>");
    values.put("UETR", "<UETR>" + UETR + "</UETR>");
    values.put("AMOUNT", "1234.56");
    values.put("CCY", "EUR");
    values.put("DATE", SETTLEMENT_DATE);
    values.put("INSTG", DEBTOR_AGENT);
    values.put("INSTD", "CENTRALBXXX");
    values.put("DBTRAGT", DEBTOR_AGENT);
    values.put("CDTRAGT", CREDITOR_AGENT);
    values.put("DBTRIBAN", "DE89370400440532013000");
    values.put("CDTRIBAN", "FR1420041010050500013M02606");
  }

  CreditTransferSample with(String key, String value) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException(key);
    }
    values.put(key, value);
    return this;
  }

  /** A pacs.009.001.08 COV between the same banks; "DBTR" and "CDTR" name the institutions. */
  static CreditTransferSample pacs009() {
    CreditTransferSample sample = new CreditTransferSample();
    sample.document = PACS_009;
    sample.values.put("MSGDEF", "pacs.009.001.08");
    sample.values.put("NS", "pacs.009.001.08");
    sample.values.put("DBTR", DEBTOR_AGENT);
    sample.values.put("CDTR", CREDITOR_AGENT);
    sample.values.put("DBTRAGTBLOCK", "");
    sample.values.put("UNDERLYING", """
        <UndrlygCstmrCdtTrf>
          <Dbtr><Nm>Alice Example</Nm></Dbtr>
          <DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>
          <CdtrAgt><FinInstnId><BICFI>BANKFRPPXXX</BICFI></FinInstnId></CdtrAgt>
          <Cdtr><Nm>Bob Example</Nm></Cdtr>
        </UndrlygCstmrCdtTrf>""");
    return sample;
  }

  CreditTransferSample withoutHeader() {
    withHeader = false;
    return this;
  }

  public String xml() {
    String header = withHeader ? APP_HDR : "";
    return fill("<BizMsg>\n" + header
        + document.replace("${GROUP_AND_PAYMENT}", GROUP_AND_PAYMENT) + "</BizMsg>\n", values);
  }

  /** A head.001.001.02 AppHdr with placeholders FROM, MSGID and MSGDEF; shared by the samples. */
  static final String APP_HDR = """
      <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
        <Fr><FIId><FinInstnId><BICFI>${FROM}</BICFI></FinInstnId></FIId></Fr>
        <To><FIId><FinInstnId><BICFI>CENTRALBXXX</BICFI></FinInstnId></FIId></To>
        <BizMsgIdr>${MSGID}</BizMsgIdr>
        <MsgDefIdr>${MSGDEF}</MsgDefIdr>
        <CreDt>2025-03-14T09:00:00Z</CreDt>
      </AppHdr>
      """;

  /** Replaces every ${KEY} of the template with its value. */
  static String fill(String template, Map<String, String> values) {
    String text = template;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      text = text.replace("${" + entry.getKey() + "}", entry.getValue());
    }
    return text;
  }

  /** The group header and the start of the transaction, the same in pacs.008 and pacs.009. */
  private static final String GROUP_AND_PAYMENT = """
            <GrpHdr>
              <MsgId>${MSGID}</MsgId>
              <CreDtTm>2025-03-14T09:00:00Z</CreDtTm>
              <NbOfTxs>${NBTXS}</NbOfTxs>
              ${CTRLSUM}
              <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
              <InstgAgt><FinInstnId><BICFI>${INSTG}</BICFI></FinInstnId></InstgAgt>
              <InstdAgt><FinInstnId><BICFI>${INSTD}</BICFI></FinInstnId></InstdAgt>
            </GrpHdr>
            <CdtTrfTxInf>
              <PmtId><InstrId>INSTR-1</InstrId><EndToEndId>E2E-1</EndToEndId><TxId>TX-1</TxId>${UETR}</PmtId>
              <IntrBkSttlmAmt Ccy="${CCY}">${AMOUNT}</IntrBkSttlmAmt>
              <IntrBkSttlmDt>${DATE}</IntrBkSttlmDt>""";

  private static final String PACS_008 = """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:${NS}">
          <FIToFICstmrCdtTrf>
${GROUP_AND_PAYMENT}
              <ChrgBr>SLEV</ChrgBr>
              <Dbtr><Nm>Alice Example</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>${DBTRIBAN}</IBAN></Id></DbtrAcct>
              <DbtrAgt><FinInstnId><BICFI>${DBTRAGT}</BICFI></FinInstnId></DbtrAgt>
              <CdtrAgt><FinInstnId><BICFI>${CDTRAGT}</BICFI></FinInstnId></CdtrAgt>
              <Cdtr><Nm>Bob Example</Nm></Cdtr>
              <CdtrAcct><Id><IBAN>${CDTRIBAN}</IBAN></Id></CdtrAcct>
            </CdtTrfTxInf>
          </FIToFICstmrCdtTrf>
        </Document>
        """;

  private static final String PACS_009 = """
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:${NS}">
          <FICdtTrf>
${GROUP_AND_PAYMENT}
              <Dbtr><FinInstnId><BICFI>${DBTR}</BICFI></FinInstnId></Dbtr>
              ${DBTRAGTBLOCK}
              <Cdtr><FinInstnId><BICFI>${CDTR}</BICFI></FinInstnId></Cdtr>
              ${UNDERLYING}
            </CdtTrfTxInf>
          </FICdtTrf>
        </Document>
        """;

  public byte[] bytes() {
    return xml().getBytes(StandardCharsets.UTF_8);
  }
}
