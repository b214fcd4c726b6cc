package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import com.prowidesoftware.swift.model.mx.BusinessAppHdrV02;
import com.prowidesoftware.swift.model.mx.MxWriteConfiguration;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import com.prowidesoftware.swift.model.mx.dic.BusinessApplicationHeaderV02Impl;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

/**
 * Writes a message in its envelope with the header's JAXB context built once. Prowide's own
 * {@code message()} builds a new context for the header of every message written, tens of
 * milliseconds each, which capped how many answers a node could send per second; the document
 * already comes from Prowide's context cache. A context shared by header and document is no way
 * out: Prowide then writes the header with the document's type names.
 */
final class WriteContexts {
  private static final String HEADER_PREFIX = "head";
  private static final JAXBContext HEADER_CONTEXT = headerContext();

  private WriteContexts() {}

  /** {@code <?xml?><root><head:AppHdr/><category:Document/></root>}, as Prowide's message() writes it. */
  static String envelope(String rootElement, BusinessAppHdrV02 header, AbstractMX document) {
    MxWriteParams headerParams = params(HEADER_PREFIX);
    headerParams.context = HEADER_CONTEXT;
    MxWriteParams documentParams = params(document.getBusinessProcess());
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<" + rootElement + ">\n" + header.xml(headerParams).strip()
        + "\n" + document.document(documentParams).strip() + "\n</" + rootElement + ">";
  }

  /** What Prowide's message() hands its header and document writers, but for the prefix. */
  private static MxWriteParams params(String prefix) {
    MxWriteConfiguration defaults = new MxWriteConfiguration();
    MxWriteParams params = new MxWriteParams();
    params.prefix = prefix;
    params.includeXMLDeclaration = false;
    params.escapeHandler = defaults.escapeHandler;
    params.adapters = defaults.adapters;
    params.indent = defaults.indent;
    return params;
  }

  /** The context Prowide itself builds for the header on every write: the header's type alone. */
  private static JAXBContext headerContext() {
    try {
      return JAXBContext.newInstance(BusinessApplicationHeaderV02Impl.class);
    } catch (JAXBException e) {
      throw new IllegalStateException("cannot build the business application header's JAXB context", e);
    }
  }
}
