package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MxCamt05000105;
import com.prowidesoftware.swift.model.mx.MxCamt05000106;
import com.prowidesoftware.swift.model.mx.MxCamt05000107;
import com.prowidesoftware.swift.model.mx.MxCamt05600108;
import com.prowidesoftware.swift.model.mx.MxCamt05600109;
import com.prowidesoftware.swift.model.mx.MxCamt05600110;
import com.prowidesoftware.swift.model.mx.MxCamt05600111;
import com.prowidesoftware.swift.model.mx.MxPacs00400109;
import com.prowidesoftware.swift.model.mx.MxPacs00400110;
import com.prowidesoftware.swift.model.mx.MxPacs00400111;
import com.prowidesoftware.swift.model.mx.MxPacs00400112;
import com.prowidesoftware.swift.model.mx.MxPacs00400113;
import com.prowidesoftware.swift.model.mx.MxPacs00400114;
import com.prowidesoftware.swift.model.mx.MxPacs00800108;
import com.prowidesoftware.swift.model.mx.MxPacs00800109;
import com.prowidesoftware.swift.model.mx.MxPacs00800110;
import com.prowidesoftware.swift.model.mx.MxPacs00800111;
import com.prowidesoftware.swift.model.mx.MxPacs00800112;
import com.prowidesoftware.swift.model.mx.MxPacs00800113;
import com.prowidesoftware.swift.model.mx.MxPacs00900108;
import com.prowidesoftware.swift.model.mx.MxPacs00900109;
import com.prowidesoftware.swift.model.mx.MxPacs00900110;
import com.prowidesoftware.swift.model.mx.MxPacs00900111;
import com.prowidesoftware.swift.model.mx.MxPacs00900112;
import com.prowidesoftware.swift.model.mx.MxPacs02800103;
import com.prowidesoftware.swift.model.mx.MxPacs02800104;
import com.prowidesoftware.swift.model.mx.MxPacs02800105;
import com.prowidesoftware.swift.model.mx.MxPacs02800106;
import com.prowidesoftware.swift.model.mx.MxParseUtils;
import com.prowidesoftware.swift.model.mx.MxReadParams;
import java.util.Map;
import java.util.TreeSet;

/**
 * The message definitions the reader maps, each with the Prowide type of its version and the
 * kind of message it is. Adding a version here is a claim that its kind's element names hold for
 * it; a test per version backs the claim.
 */
final class MessageDefinitions {

  /** The kinds of message the reader maps, by the Document's root element. */
  enum Kind {
    CUSTOMER_CREDIT_TRANSFER("FIToFICstmrCdtTrf"),
    FINANCIAL_INSTITUTION_CREDIT_TRANSFER("FICdtTrf"),
    LIQUIDITY_CREDIT_TRANSFER("LqdtyCdtTrf"),
    STATUS_REQUEST("FIToFIPmtStsReq"),
    CANCELLATION_REQUEST("FIToFIPmtCxlReq"),
    PAYMENT_RETURN("PmtRtr");

    final String rootElement;

    Kind(String rootElement) {
      this.rootElement = rootElement;
    }
  }

  /**
   * One supported definition: its Prowide type, the model classes its JAXB context binds, and
   * what kind of message it is.
   */
  record Definition(Class<? extends AbstractMX> type, Class<?>[] modelClasses, Kind kind) {

    /**
     * Binds the Document only. Prowide's own {@code parse} also binds the AppHdr, a second full
     * SAX pass and more than half of its time; the reader never uses that result, because the
     * transport guard has already read and checked the AppHdr fields it needs.
     *
     * @return the message, or null when Prowide finds no Document to bind
     * @throws RuntimeException (Prowide's) when the Document cannot be bound
     */
    AbstractMX parseDocument(String xml) {
      // A fresh MxReadParams per message, as Prowide's parse makes one: its type adapters are
      // not documented as thread-safe.
      return MxParseUtils.parseElement(type, xml, DOCUMENT_ELEMENT, modelClasses,
          new MxReadParams());
    }
  }

  private static final String DOCUMENT_ELEMENT = "Document";

  /** By message definition identifier, e.g. {@code pacs.008.001.08}. */
  static final Map<String, Definition> SUPPORTED = Map.ofEntries(
      customer("pacs.008.001.08", MxPacs00800108.class, MxPacs00800108._classes),
      customer("pacs.008.001.09", MxPacs00800109.class, MxPacs00800109._classes),
      customer("pacs.008.001.10", MxPacs00800110.class, MxPacs00800110._classes),
      customer("pacs.008.001.11", MxPacs00800111.class, MxPacs00800111._classes),
      customer("pacs.008.001.12", MxPacs00800112.class, MxPacs00800112._classes),
      customer("pacs.008.001.13", MxPacs00800113.class, MxPacs00800113._classes),
      institution("pacs.009.001.08", MxPacs00900108.class, MxPacs00900108._classes),
      institution("pacs.009.001.09", MxPacs00900109.class, MxPacs00900109._classes),
      institution("pacs.009.001.10", MxPacs00900110.class, MxPacs00900110._classes),
      institution("pacs.009.001.11", MxPacs00900111.class, MxPacs00900111._classes),
      institution("pacs.009.001.12", MxPacs00900112.class, MxPacs00900112._classes),
      // From .05 up (T2 CLM uses .05); .01 to .04 are older and untested, so stay refused.
      liquidity("camt.050.001.05", MxCamt05000105.class, MxCamt05000105._classes),
      liquidity("camt.050.001.06", MxCamt05000106.class, MxCamt05000106._classes),
      liquidity("camt.050.001.07", MxCamt05000107.class, MxCamt05000107._classes),
      // Every pacs.028 Prowide ships from .03 (the 2019 generation CBPR+ and HVPS+ use) on.
      entry("pacs.028.001.03", MxPacs02800103.class, MxPacs02800103._classes, Kind.STATUS_REQUEST),
      entry("pacs.028.001.04", MxPacs02800104.class, MxPacs02800104._classes, Kind.STATUS_REQUEST),
      entry("pacs.028.001.05", MxPacs02800105.class, MxPacs02800105._classes, Kind.STATUS_REQUEST),
      entry("pacs.028.001.06", MxPacs02800106.class, MxPacs02800106._classes, Kind.STATUS_REQUEST),
      entry("camt.056.001.08", MxCamt05600108.class, MxCamt05600108._classes,
          Kind.CANCELLATION_REQUEST),
      entry("camt.056.001.09", MxCamt05600109.class, MxCamt05600109._classes,
          Kind.CANCELLATION_REQUEST),
      entry("camt.056.001.10", MxCamt05600110.class, MxCamt05600110._classes,
          Kind.CANCELLATION_REQUEST),
      entry("camt.056.001.11", MxCamt05600111.class, MxCamt05600111._classes,
          Kind.CANCELLATION_REQUEST),
      entry("pacs.004.001.09", MxPacs00400109.class, MxPacs00400109._classes, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.10", MxPacs00400110.class, MxPacs00400110._classes, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.11", MxPacs00400111.class, MxPacs00400111._classes, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.12", MxPacs00400112.class, MxPacs00400112._classes, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.13", MxPacs00400113.class, MxPacs00400113._classes, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.14", MxPacs00400114.class, MxPacs00400114._classes, Kind.PAYMENT_RETURN));

  /** The same identifiers, sorted, for messages and documentation. */
  static final String LISTED = String.join(", ", new TreeSet<>(SUPPORTED.keySet()));

  private MessageDefinitions() {}

  private static Map.Entry<String, Definition> entry(String identifier,
      Class<? extends AbstractMX> type, Class<?>[] modelClasses, Kind kind) {
    return Map.entry(identifier, new Definition(type, modelClasses, kind));
  }

  private static Map.Entry<String, Definition> customer(String identifier,
      Class<? extends AbstractMX> type, Class<?>[] modelClasses) {
    return entry(identifier, type, modelClasses, Kind.CUSTOMER_CREDIT_TRANSFER);
  }

  private static Map.Entry<String, Definition> institution(String identifier,
      Class<? extends AbstractMX> type, Class<?>[] modelClasses) {
    return entry(identifier, type, modelClasses, Kind.FINANCIAL_INSTITUTION_CREDIT_TRANSFER);
  }

  private static Map.Entry<String, Definition> liquidity(String identifier,
      Class<? extends AbstractMX> type, Class<?>[] modelClasses) {
    return entry(identifier, type, modelClasses, Kind.LIQUIDITY_CREDIT_TRANSFER);
  }
}
