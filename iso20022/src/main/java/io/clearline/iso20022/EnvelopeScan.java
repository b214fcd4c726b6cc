package io.clearline.iso20022;

import java.nio.charset.Charset;

/**
 * What the safety pre-pass learned about a well-formed message.
 *
 * @param messageDefinition from the Document namespace, e.g. {@code pacs.008.001.08}
 * @param headerMessageDefinition the AppHdr's MsgDefIdr, or null without AppHdr
 * @param headerFromBic the AppHdr's Fr/FIId/FinInstnId/BICFI, or null
 * @param headerToBic the AppHdr's To/FIId/FinInstnId/BICFI, or null
 * @param headerBusinessMessageId the AppHdr's BizMsgIdr, or null
 * @param hasHeader whether an AppHdr element was found beside the Document
 * @param charset the document's encoding, to decode it for Prowide
 */
record EnvelopeScan(
    String messageDefinition,
    String headerMessageDefinition,
    String headerFromBic,
    String headerToBic,
    String headerBusinessMessageId,
    boolean hasHeader,
    Charset charset) {

  /** The message as text for Prowide, in the encoding the pre-pass found. */
  String decode(byte[] xml) {
    String text = new String(xml, charset);
    // A byte-order mark decoded as U+FEFF would sit before the XML declaration and break it.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
