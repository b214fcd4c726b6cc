package io.clearline.iso20022;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A valid message written for these tests from a template with ${KEY} placeholders, wrapped with
 * the shared AppHdr (placeholders FROM, MSGID, MSGDEF); each test changes one value.
 */
final class MessageSample {

  private final String document;
  private final Map<String, String> values = new LinkedHashMap<>();
  private boolean withHeader = true;

  private MessageSample(String document, Map<String, String> defaults) {
    this.document = document;
    values.putAll(defaults);
  }

  /** A pacs.028.001.03 from BANKDEFFXXX asking about one payment by all its references. */
  static MessageSample pacs028() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("NS", "pacs.028.001.03");
    values.put("MSGDEF", "pacs.028.001.03");
    values.put("FROM", CreditTransferSample.DEBTOR_AGENT);
    values.put("MSGID", "STS-MSG-1");
    values.put("CREDTTM", "<CreDtTm>2025-03-14T09:30:00Z</CreDtTm>");
    values.put("GRPAGTS", "");
    values.put("ORIGINALGROUPS", "");
    values.put("STSREQID", "<StsReqId>STS-1</StsReqId>");
    values.put("ORIGINAL", "<OrgnlGrpInf><OrgnlMsgId>MSG-0001</OrgnlMsgId>"
        + "<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>");
    values.put("REFERENCES", "<OrgnlInstrId>INSTR-1</OrgnlInstrId>"
        + "<OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><OrgnlTxId>TX-1</OrgnlTxId>");
    values.put("UETR", "<OrgnlUETR>" + CreditTransferSample.UETR + "</OrgnlUETR>");
    values.put("INSTG", agent("InstgAgt", CreditTransferSample.DEBTOR_AGENT));
    values.put("INSTD", agent("InstdAgt", "CENTRALBXXX"));
    values.put("MORE", "");
    return new MessageSample("""
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:${NS}">
          <FIToFIPmtStsReq>
            <GrpHdr><MsgId>${MSGID}</MsgId>${CREDTTM}${GRPAGTS}</GrpHdr>
            ${ORIGINALGROUPS}
            <TxInf>
              ${STSREQID}
              ${ORIGINAL}
              ${REFERENCES}
              ${UETR}
              ${INSTG}
              ${INSTD}
            </TxInf>
            ${MORE}
          </FIToFIPmtStsReq>
        </Document>
        """, values);
  }

  /** A camt.056.001.08 from BANKDEFFXXX asking to cancel one payment it sent, for DUPL. */
  static MessageSample camt056() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("NS", "camt.056.001.08");
    values.put("MSGDEF", "camt.056.001.08");
    values.put("FROM", CreditTransferSample.DEBTOR_AGENT);
    values.put("MSGID", "CXL-MSG-1");
    values.put("ASSGNR", "<Assgnr>" + agent("Agt", CreditTransferSample.DEBTOR_AGENT)
        + "</Assgnr>");
    values.put("CREDTTM", "<CreDtTm>2025-03-14T09:30:00Z</CreDtTm>");
    values.put("CASE", "");
    values.put("CTRLDATA", "");
    values.put("CXLID", "<CxlId>CXL-1</CxlId>");
    values.put("TXCASE", "<Case><Id>CASE-1</Id><Cretr>"
        + agent("Agt", CreditTransferSample.DEBTOR_AGENT) + "</Cretr></Case>");
    values.put("UETR", "<OrgnlUETR>" + CreditTransferSample.UETR + "</OrgnlUETR>");
    values.put("AMOUNT", "<OrgnlIntrBkSttlmAmt Ccy=\"EUR\">1234.56</OrgnlIntrBkSttlmAmt>");
    values.put("REASON", "<CxlRsnInf><Rsn><Cd>DUPL</Cd></Rsn></CxlRsnInf>");
    values.put("MORE", "");
    return new MessageSample("""
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:${NS}">
          <FIToFIPmtCxlReq>
            <Assgnmt>
              <Id>${MSGID}</Id>
              ${ASSGNR}
              <Assgne><Agt><FinInstnId><BICFI>CENTRALBXXX</BICFI></FinInstnId></Agt></Assgne>
              ${CREDTTM}
            </Assgnmt>
            ${CASE}
            ${CTRLDATA}
            <Undrlyg>
              <TxInf>
                ${CXLID}
                ${TXCASE}
                <OrgnlGrpInf><OrgnlMsgId>MSG-0001</OrgnlMsgId>
                  <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>
                <OrgnlInstrId>INSTR-1</OrgnlInstrId>
                <OrgnlEndToEndId>E2E-1</OrgnlEndToEndId>
                ${UETR}
                ${AMOUNT}
                <OrgnlIntrBkSttlmDt>2025-03-14</OrgnlIntrBkSttlmDt>
                ${REASON}
              </TxInf>
              ${MORE}
            </Undrlyg>
          </FIToFIPmtCxlReq>
        </Document>
        """, values);
  }

  /**
   * A pacs.004.001.09 from BANKFRPPXXX, which received payment {@link CreditTransferSample#UETR},
   * returning 1000.00 EUR of it to BANKDEFFXXX for AC04.
   */
  static MessageSample pacs004() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("NS", "pacs.004.001.09");
    values.put("MSGDEF", "pacs.004.001.09");
    values.put("FROM", CreditTransferSample.CREDITOR_AGENT);
    values.put("MSGID", "RTR-MSG-1");
    values.put("NBTXS", "1");
    values.put("CTRLSUM", "<CtrlSum>1000.00</CtrlSum>");
    values.put("GRPDATE", "");
    values.put("ORIGINALGROUP", "");
    values.put("RTRID", "<RtrId>RTR-1</RtrId>");
    values.put("UETR", "<OrgnlUETR>" + CreditTransferSample.UETR + "</OrgnlUETR>");
    values.put("AMOUNT", "<RtrdIntrBkSttlmAmt Ccy=\"EUR\">1000.00</RtrdIntrBkSttlmAmt>");
    values.put("DATE", "<IntrBkSttlmDt>" + CreditTransferSample.SETTLEMENT_DATE
        + "</IntrBkSttlmDt>");
    values.put("INSTG", agent("InstgAgt", CreditTransferSample.CREDITOR_AGENT));
    values.put("INSTD", agent("InstdAgt", CreditTransferSample.DEBTOR_AGENT));
    values.put("REASON", "<RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf>");
    values.put("MORE", "");
    return new MessageSample("""
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:${NS}">
          <PmtRtr>
            <GrpHdr>
              <MsgId>${MSGID}</MsgId>
              <CreDtTm>2025-03-14T09:30:00Z</CreDtTm>
              <NbOfTxs>${NBTXS}</NbOfTxs>
              ${CTRLSUM}
              ${GRPDATE}
              <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
            </GrpHdr>
            ${ORIGINALGROUP}
            <TxInf>
              ${RTRID}
              <OrgnlGrpInf><OrgnlMsgId>MSG-0001</OrgnlMsgId>
                <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>
              <OrgnlInstrId>INSTR-1</OrgnlInstrId>
              <OrgnlEndToEndId>E2E-1</OrgnlEndToEndId>
              ${UETR}
              <OrgnlIntrBkSttlmAmt Ccy="EUR">1234.56</OrgnlIntrBkSttlmAmt>
              ${AMOUNT}
              ${DATE}
              <ChrgBr>SLEV</ChrgBr>
              ${INSTG}
              ${INSTD}
              ${REASON}
            </TxInf>
            ${MORE}
          </PmtRtr>
        </Document>
        """, values);
  }

  /** An agent element, e.g. {@code <InstgAgt><FinInstnId><BICFI>...}. */
  static String agent(String element, String bic) {
    return "<" + element + "><FinInstnId><BICFI>" + bic + "</BICFI></FinInstnId></" + element
        + ">";
  }

  MessageSample with(String key, String value) {
    if (values.put(key, value) == null) {
      throw new IllegalArgumentException(key);
    }
    return this;
  }

  /** The same message in another version: the namespace and the AppHdr's MsgDefIdr. */
  MessageSample version(String definition) {
    return with("NS", definition).with("MSGDEF", definition);
  }

  MessageSample withoutHeader() {
    withHeader = false;
    return this;
  }

  byte[] bytes() {
    String header = withHeader ? CreditTransferSample.APP_HDR : "";
    return CreditTransferSample.fill("<BizMsg>" + header + document + "</BizMsg>", values)
        .getBytes(StandardCharsets.UTF_8);
  }
}
