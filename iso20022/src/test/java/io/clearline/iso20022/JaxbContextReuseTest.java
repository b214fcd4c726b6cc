package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.READER;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The speed rule: no JAXB context is created after warm-up. A context costs about half a
 * second and pins its classes; one per read would be the reader's largest cost by far.
 */
class JaxbContextReuseTest {

  /** Reads of each message after warm-up; more than one, so a per-read creation shows. */
  private static final int READS_AFTER_WARM_UP = 3;
  private static final String EXPLANATION_WHEN_UNBOUND = "the Document could not be read";

  @Test
  void createsNoJaxbContextAfterWarmUpForAnySupportedMessageDefinition() throws JAXBException {
    String previousFactory = System.getProperty(CountingJaxbContextFactory.PROPERTY);
    System.setProperty(CountingJaxbContextFactory.PROPERTY,
        CountingJaxbContextFactory.class.getName());
    try {
      assertTheCounterSeesContextCreations();
      List<byte[]> messages = oneMessagePerSupportedDefinition();
      messages.forEach(JaxbContextReuseTest::readReachingTheDataBinding);
      int createdByWarmUp = CountingJaxbContextFactory.contextsCreated();
      for (int round = 0; round < READS_AFTER_WARM_UP; round++) {
        messages.forEach(JaxbContextReuseTest::readReachingTheDataBinding);
      }
      assertThat(CountingJaxbContextFactory.contextsCreated())
          .as("JAXB contexts created after warm-up")
          .isEqualTo(createdByWarmUp);
    } finally {
      if (previousFactory == null) {
        System.clearProperty(CountingJaxbContextFactory.PROPERTY);
      } else {
        System.setProperty(CountingJaxbContextFactory.PROPERTY, previousFactory);
      }
    }
  }

  /** Without this, a counter JAXB never called would pass the test whatever the reader does. */
  private static void assertTheCounterSeesContextCreations() throws JAXBException {
    int before = CountingJaxbContextFactory.contextsCreated();
    JAXBContext.newInstance(Probe.class);
    assertThat(CountingJaxbContextFactory.contextsCreated()).isEqualTo(before + 1);
  }

  /**
   * The accepted pacs.008 of the benchmark, and for every supported definition a Document with
   * its namespace and root element: enough for Prowide to bind it with that version's context;
   * the mapper then refuses what the Document lacks, after the binding this test is about.
   */
  private static List<byte[]> oneMessagePerSupportedDefinition() {
    List<byte[]> messages = new ArrayList<>();
    messages.add(new CreditTransferSample().bytes());
    for (String definition : new TreeSet<>(Iso20022Reader.SUPPORTED_MESSAGE_DEFINITIONS)) {
      String root = MessageDefinitions.SUPPORTED.get(definition).kind().rootElement;
      messages.add(("<Document xmlns=\"" + TransportGuard.ISO_NAMESPACE_PREFIX + definition
          + "\"><" + root + "/></Document>").getBytes(StandardCharsets.UTF_8));
    }
    return messages;
  }

  private static void readReachingTheDataBinding(byte[] message) {
    InboundResult result = READER.read(message, null);
    if (result instanceof InboundResult.Rejected rejected) {
      assertThat(rejected.rejection().explanation())
          .doesNotStartWith(EXPLANATION_WHEN_UNBOUND)
          .doesNotStartWith("unsupported message definition");
    }
  }

  /** A class no other test binds, so that its context is new. */
  static final class Probe {}
}
