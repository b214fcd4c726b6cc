package io.clearline.iso20022;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Layer 1: refuses oversized, hostile and malformed documents before any data binding, and finds
 * the Document and the optional AppHdr inside whatever envelope the bank's transport uses.
 *
 * <p>The StAX factory is the JDK's own (not whatever is on the classpath) with DTDs, external
 * entities and entity replacement off; any DOCTYPE or entity reference is refused outright, so
 * nothing is ever read from disk or network and no entity is ever expanded.
 */
final class TransportGuard {

  static final String ISO_NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";
  /**
   * Elements Clearline reads that the schemas allow once per parent. Without schema validation
   * the data binding would silently keep only the last of two, so a duplicate is refused.
   */
  private static final Set<String> SINGLE_VALUED = Set.of("GrpHdr", "MsgId", "CreDtTm",
      "NbOfTxs", "CtrlSum", "IntrBkSttlmAmt", "IntrBkSttlmDt", "PmtId", "InstrId", "EndToEndId",
      "TxId", "UETR", "InstgAgt", "InstdAgt", "DbtrAgt", "CdtrAgt", "Dbtr", "Cdtr", "DbtrAcct",
      "CdtrAcct", "FinInstnId", "BICFI", "IBAN", "Nm", "Id", "SttlmInf", "SttlmMtd",
      // Read from pacs.028, camt.056 and pacs.004.
      "OrgnlMsgId", "OrgnlMsgNmId", "OrgnlInstrId", "OrgnlEndToEndId", "OrgnlTxId",
      "OrgnlUETR", "StsReqId", "CxlId", "RtrId", "RtrdIntrBkSttlmAmt", "Assgnmt", "Assgnr",
      "Assgne", "Agt", "Case", "CtrlData", "Rsn", "Cd", "Prtry");
  private static final Pattern MESSAGE_DEFINITION =
      Pattern.compile("[a-z]{4}\\.[0-9]{3}\\.[0-9]{3}\\.[0-9]{2}");
  /**
   * What a business application header (head.001.001.01 to .04) may hold at its top level. The
   * reader binds only the Document, so the header's structure is checked here, against its schema.
   */
  private static final Set<String> HEADER_CHILDREN = Set.of("CharSet", "Fr", "To", "BizMsgIdr",
      "MsgDefIdr", "BizSvc", "MktPrctc", "CreDt", "BizPrcgDt", "CpyDplct", "PssblDplct", "Prty",
      "Sgntr", "Rltd");
  /** What every version of the header requires. */
  private static final List<String> HEADER_REQUIRED = List.of("Fr", "To", "BizMsgIdr", "MsgDefIdr",
      "CreDt");
  /** The only elements a transport wrapper may hold. */
  private static final Set<String> ENVELOPE_CHILDREN = Set.of("AppHdr", "Document");
  /** Parent ordinal of the root element; element ordinals start at 1. */
  private static final int ROOT_PARENT = 0;
  /** Parent ordinal before the element was found. */
  private static final int NO_PARENT = -1;
  /** Longest header value kept; BICs, ids and definitions are far shorter. */
  private static final int HEADER_TEXT_LENGTH_MAX = 256;

  private final int sizeMaxBytes;
  private final int nestingDepthMax;
  private final XMLInputFactory factory;

  TransportGuard(int sizeMaxBytes, int nestingDepthMax) {
    this.sizeMaxBytes = sizeMaxBytes;
    this.nestingDepthMax = nestingDepthMax;
    this.factory = hardenedFactory();
  }

  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  Checked<EnvelopeScan> scan(byte[] xml) {
    if (xml == null || xml.length == 0) {
      return refuse("the message is empty");
    }
    if (xml.length > sizeMaxBytes) {
      return refuse("the message is " + xml.length + " bytes, above the limit of "
          + sizeMaxBytes + " bytes");
    }
    try {
      return walk(xml);
    } catch (XMLStreamException | RuntimeException notWellFormed) {
      // The parser's message names line and column, which is what the sender needs; the
      // exception itself is the sender's fault, not ours, so it becomes a value.
      return refuse("the message is not well-formed XML: " + firstLine(notWellFormed.getMessage()));
    }
  }

  private Checked<EnvelopeScan> walk(byte[] xml) throws XMLStreamException {
    XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
    try {
      Charset charset = charsetOf(reader.getEncoding());
      ScanState state = new ScanState();
      while (reader.hasNext()) {
        int event = reader.next();
        Rejection refusal = state.accept(event, reader);
        if (refusal != null) {
          return Checked.refused(refusal);
        }
      }
      return state.finish(charset);
    } finally {
      reader.close();
    }
  }

  private static Charset charsetOf(String encoding) {
    try {
      return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() > HEADER_TEXT_LENGTH_MAX
        ? oneLine.substring(0, HEADER_TEXT_LENGTH_MAX) : oneLine;
  }

  static <T> Checked<T> refuse(String explanation) {
    return Checked.refused(
        new Rejection(ReasonCode.INVALID_FILE_FORMAT, explanation, null, null));
  }

  /**
   * Walks the event stream once, remembering only what the reader needs.
   *
   * <p>Envelope rule: the Document is the root (a bare message) or the child of a transport
   * wrapper (SWIFT's {@code Envelope}, SAA's {@code DataPDU/Body}, {@code BusMsg}, FedNow's...),
   * whatever its name and depth; the wrapper holds the Document, at most one AppHdr beside it,
   * and no other element, so no second payload or stray header rides along unchecked. The order
   * of AppHdr and Document is not prescribed by the head.001 schemas and is not checked.
   */
  private final class ScanState {
    private final Deque<String> path = new ArrayDeque<>();
    private final Deque<Set<String>> childrenSeen = new ArrayDeque<>();
    /** An ordinal per open element, to tell whether AppHdr and Document share one parent. */
    private final Deque<Integer> elementOrdinals = new ArrayDeque<>();
    private int elementCount;
    private int headerDepth = -1;
    private int documentDepth = -1;
    private int documentCount;
    private boolean hasHeader;
    /** The ordinal of the element holding the Document or AppHdr; ROOT_PARENT at the root. */
    private int documentParent = NO_PARENT;
    private int headerParent = NO_PARENT;
    private String documentNamespace;
    private String headerMessageDefinition;
    private String headerFromBic;
    private String headerToBic;
    private String headerBusinessMessageId;
    private String headerCreationDate;
    /** The header's top-level elements, in order; each at most once. */
    private final Set<String> headerChildren = new HashSet<>();
    private final StringBuilder text = new StringBuilder();

    Rejection accept(int event, XMLStreamReader reader) {
      switch (event) {
        case XMLStreamConstants.DTD:
          return fileFormat("a DOCTYPE declaration is not allowed in ISO 20022 messages");
        case XMLStreamConstants.ENTITY_REFERENCE:
          return fileFormat("entity reference &" + reader.getLocalName() + "; is not allowed");
        case XMLStreamConstants.START_ELEMENT:
          return startElement(reader);
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA:
          if (headerDepth >= 0 && text.length() < HEADER_TEXT_LENGTH_MAX) {
            text.append(reader.getText(), 0,
                Math.min(reader.getTextLength(), HEADER_TEXT_LENGTH_MAX - text.length()));
          }
          return null;
        case XMLStreamConstants.END_ELEMENT:
          return endElement();
        default:
          return null;
      }
    }

    private Rejection startElement(XMLStreamReader reader) {
      int parent = elementOrdinals.isEmpty() ? ROOT_PARENT : elementOrdinals.peekLast();
      path.addLast(reader.getLocalName());
      elementOrdinals.addLast(++elementCount);
      text.setLength(0);
      if (path.size() > nestingDepthMax) {
        return fileFormat("elements nest deeper than the limit of " + nestingDepthMax);
      }
      String name = reader.getLocalName();
      String namespace = reader.getNamespaceURI();
      if (!childrenSeen.isEmpty() && !childrenSeen.peekLast().add(name)
          && SINGLE_VALUED.contains(name) && documentDepth >= 0) {
        return fileFormat("element " + name + " appears more than once in one parent");
      }
      childrenSeen.addLast(new HashSet<>());
      if (headerDepth >= 0 && path.size() == headerDepth + 1) {
        if (!HEADER_CHILDREN.contains(name)) {
          return fileFormat("the AppHdr holds " + name + ", which no business application header has");
        }
        if (!headerChildren.add(name) && !"Rltd".equals(name)) {
          return fileFormat("the AppHdr holds " + name + " more than once");
        }
      }
      if (documentDepth < 0 && headerDepth < 0) {
        if ("Document".equals(name)) {
          documentDepth = path.size();
          documentCount++;
          if (documentCount > 1) {
            return fileFormat("the message holds more than one Document");
          }
          documentNamespace = namespace;
          documentParent = parent;
        } else if ("AppHdr".equals(name)) {
          if (hasHeader) {
            return fileFormat("the message holds more than one AppHdr");
          }
          hasHeader = true;
          headerDepth = path.size();
          headerParent = parent;
        }
      }
      return null;
    }

    private Rejection endElement() {
      if (headerDepth >= 0) {
        rememberHeaderField(headerRelativePath(), text.toString().trim());
      }
      if (path.size() == documentDepth) {
        documentDepth = -1;
      }
      if (path.size() == headerDepth) {
        headerDepth = -1;
      }
      Rejection wrapperProblem = elementOrdinals.peekLast() == documentParent
          ? checkWrapper(path.peekLast(), childrenSeen.peekLast()) : null;
      path.removeLast();
      elementOrdinals.removeLast();
      childrenSeen.removeLast();
      text.setLength(0);
      return wrapperProblem;
    }

    /** The Document's wrapper, now closed, held nothing but the Document and the AppHdr. */
    private Rejection checkWrapper(String wrapper, Set<String> children) {
      for (String child : children) {
        if (!ENVELOPE_CHILDREN.contains(child)) {
          return fileFormat("the transport wrapper " + wrapper + " holds " + child
              + " besides AppHdr and Document; it may hold only those two");
        }
      }
      return null;
    }

    private String headerRelativePath() {
      // Runs at every end tag inside the AppHdr, so a plain loop rather than a stream.
      StringJoiner relativePath = new StringJoiner("/");
      int depth = 0;
      for (String element : path) {
        if (++depth > headerDepth) {
          relativePath.add(element);
        }
      }
      return relativePath.toString();
    }

    private void rememberHeaderField(String relativePath, String value) {
      switch (relativePath) {
        case "MsgDefIdr" -> headerMessageDefinition = value;
        case "BizMsgIdr" -> headerBusinessMessageId = value;
        case "CreDt" -> headerCreationDate = value;
        case "Fr/FIId/FinInstnId/BICFI", "Fr/FIId/FinInstnId/BIC" -> headerFromBic = value;
        case "To/FIId/FinInstnId/BICFI", "To/FIId/FinInstnId/BIC" -> headerToBic = value;
        default -> { }
      }
    }

    Checked<EnvelopeScan> finish(Charset charset) {
      if (documentCount == 0) {
        return refuse("no ISO 20022 Document element found");
      }
      if (documentNamespace == null || !documentNamespace.startsWith(ISO_NAMESPACE_PREFIX)) {
        return refuse("the Document has no ISO 20022 namespace (found '"
            + (documentNamespace == null ? "" : documentNamespace) + "')");
      }
      if (hasHeader && headerParent != documentParent) {
        return refuse("the AppHdr is not beside the Document: a transport wrapper must hold"
            + " both as its children");
      }
      if (hasHeader) {
        Rejection header = checkHeader();
        if (header != null) {
          return Checked.refused(header);
        }
      }
      String definition = documentNamespace.substring(ISO_NAMESPACE_PREFIX.length());
      if (!MESSAGE_DEFINITION.matcher(definition).matches()) {
        return refuse("unsupported message definition '" + definition + "'");
      }
      return Checked.of(new EnvelopeScan(definition, headerMessageDefinition, headerFromBic,
          headerToBic, headerBusinessMessageId, hasHeader, charset));
    }

    /** The header's required elements are there, and the values the schema types constrain fit them. */
    private Rejection checkHeader() {
      for (String required : HEADER_REQUIRED) {
        if (!headerChildren.contains(required)) {
          return fileFormat("the AppHdr has no " + required + ", which every business application"
              + " header requires");
        }
      }
      // BizMsgIdr's length is the message id's: the reader requires the two to agree, and checks the id.
      try {
        DateTimeFormatter.ISO_DATE_TIME.parse(headerCreationDate);
      } catch (DateTimeParseException notADateTime) {
        return fileFormat("the AppHdr's CreDt is not an ISO date and time: '" + headerCreationDate
            + "'");
      }
      return null;
    }

    private Rejection fileFormat(String explanation) {
      return new Rejection(ReasonCode.INVALID_FILE_FORMAT, explanation, null, null);
    }
  }
}
