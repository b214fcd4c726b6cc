package io.clearline.iso20022;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBContextFactory;
import jakarta.xml.bind.JAXBException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JAXB runtime's own factory, counting every context it creates. Installed through the
 * {@code jakarta.xml.bind.JAXBContextFactory} system property, which {@link JAXBContext} reads at
 * every {@code newInstance}; it must be public with a public constructor because JAXB's
 * ContextFinder instantiates it by name, a fresh instance each time, hence the static count.
 */
public final class CountingJaxbContextFactory implements JAXBContextFactory {

  static final String PROPERTY = JAXBContext.JAXB_CONTEXT_FACTORY;
  private static final AtomicInteger CONTEXTS_CREATED = new AtomicInteger();

  private final JAXBContextFactory runtime =
      new org.glassfish.jaxb.runtime.v2.JAXBContextFactory();

  public CountingJaxbContextFactory() {}

  static int contextsCreated() {
    return CONTEXTS_CREATED.get();
  }

  @Override
  public JAXBContext createContext(Class<?>[] classesToBeBound, Map<String, ?> properties)
      throws JAXBException {
    CONTEXTS_CREATED.incrementAndGet();
    return runtime.createContext(classesToBeBound, properties);
  }

  @Override
  public JAXBContext createContext(String contextPath, ClassLoader classLoader,
      Map<String, ?> properties) throws JAXBException {
    CONTEXTS_CREATED.incrementAndGet();
    return runtime.createContext(contextPath, classLoader, properties);
  }
}
