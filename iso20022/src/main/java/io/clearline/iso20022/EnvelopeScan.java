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
    Charset charset) {}
