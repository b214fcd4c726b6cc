package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.JaxbContextCacheImpl;
import com.prowidesoftware.swift.model.mx.JaxbContextLoader;

/**
 * Installs Prowide's JAXB context cache once per JVM: without it every parse builds a new
 * context (about 0.5 s instead of well under a millisecond).
 */
final class ProwideSetup {

  static {
    JaxbContextLoader.INSTANCE.setCacheImpl(new JaxbContextCacheImpl());
  }

  private ProwideSetup() {}

  /** Touching this method runs the static initializer exactly once, thread-safely. */
  static void ensureInstalled() {
    // The work happens in the class initializer, which the JVM runs once under a lock.
  }
}
