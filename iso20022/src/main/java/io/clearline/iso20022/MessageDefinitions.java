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
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The message definitions the reader maps, each with the Prowide parser of its version and the
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

  /** One supported definition: how to parse it and what it is. */
  record Definition(Function<String, AbstractMX> parser, Kind kind) {}

  /** By message definition identifier, e.g. {@code pacs.008.001.08}. */
  static final Map<String, Definition> SUPPORTED = Map.ofEntries(
      customer("pacs.008.001.08", MxPacs00800108::parse),
      customer("pacs.008.001.09", MxPacs00800109::parse),
      customer("pacs.008.001.10", MxPacs00800110::parse),
      customer("pacs.008.001.11", MxPacs00800111::parse),
      customer("pacs.008.001.12", MxPacs00800112::parse),
      customer("pacs.008.001.13", MxPacs00800113::parse),
      institution("pacs.009.001.08", MxPacs00900108::parse),
      institution("pacs.009.001.09", MxPacs00900109::parse),
      institution("pacs.009.001.10", MxPacs00900110::parse),
      institution("pacs.009.001.11", MxPacs00900111::parse),
      institution("pacs.009.001.12", MxPacs00900112::parse),
      // From .05 up (T2 CLM uses .05); .01 to .04 are older and untested, so stay refused.
      liquidity("camt.050.001.05", MxCamt05000105::parse),
      liquidity("camt.050.001.06", MxCamt05000106::parse),
      liquidity("camt.050.001.07", MxCamt05000107::parse),
      // Every pacs.028 Prowide ships from .03 (the 2019 generation CBPR+ and HVPS+ use) on.
      entry("pacs.028.001.03", MxPacs02800103::parse, Kind.STATUS_REQUEST),
      entry("pacs.028.001.04", MxPacs02800104::parse, Kind.STATUS_REQUEST),
      entry("pacs.028.001.05", MxPacs02800105::parse, Kind.STATUS_REQUEST),
      entry("pacs.028.001.06", MxPacs02800106::parse, Kind.STATUS_REQUEST),
      entry("camt.056.001.08", MxCamt05600108::parse, Kind.CANCELLATION_REQUEST),
      entry("camt.056.001.09", MxCamt05600109::parse, Kind.CANCELLATION_REQUEST),
      entry("camt.056.001.10", MxCamt05600110::parse, Kind.CANCELLATION_REQUEST),
      entry("camt.056.001.11", MxCamt05600111::parse, Kind.CANCELLATION_REQUEST),
      entry("pacs.004.001.09", MxPacs00400109::parse, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.10", MxPacs00400110::parse, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.11", MxPacs00400111::parse, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.12", MxPacs00400112::parse, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.13", MxPacs00400113::parse, Kind.PAYMENT_RETURN),
      entry("pacs.004.001.14", MxPacs00400114::parse, Kind.PAYMENT_RETURN));

  /** The same identifiers, sorted, for messages and documentation. */
  static final String LISTED = String.join(", ", new TreeSet<>(SUPPORTED.keySet()));

  private MessageDefinitions() {}

  private static Map.Entry<String, Definition> entry(
      String identifier, Function<String, AbstractMX> parser, Kind kind) {
    return Map.entry(identifier, new Definition(parser, kind));
  }

  private static Map.Entry<String, Definition> customer(
      String identifier, Function<String, AbstractMX> parser) {
    return Map.entry(identifier, new Definition(parser, Kind.CUSTOMER_CREDIT_TRANSFER));
  }

  private static Map.Entry<String, Definition> institution(
      String identifier, Function<String, AbstractMX> parser) {
    return Map.entry(identifier, new Definition(parser, Kind.FINANCIAL_INSTITUTION_CREDIT_TRANSFER));
  }

  private static Map.Entry<String, Definition> liquidity(
      String identifier, Function<String, AbstractMX> parser) {
    return Map.entry(identifier, new Definition(parser, Kind.LIQUIDITY_CREDIT_TRANSFER));
  }
}
