package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.MxCamt05000105;
import com.prowidesoftware.swift.model.mx.MxCamt05000106;
import com.prowidesoftware.swift.model.mx.MxCamt05000107;
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
    LIQUIDITY_CREDIT_TRANSFER("LqdtyCdtTrf");

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
      liquidity("camt.050.001.07", MxCamt05000107::parse));

  /** The same identifiers, sorted, for messages and documentation. */
  static final String LISTED = String.join(", ", new TreeSet<>(SUPPORTED.keySet()));

  private MessageDefinitions() {}

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
