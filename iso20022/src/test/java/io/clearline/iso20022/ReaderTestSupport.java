package io.clearline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

final class ReaderTestSupport {

  static final Clock ON_SETTLEMENT_DAY =
      Clock.fixed(Instant.parse("2025-03-14T10:00:00Z"), ZoneId.of("Europe/Berlin"));
  /** The settlement system the samples' AppHdr/To and InstdAgt name. */
  static final String SETTLEMENT_SYSTEM_BIC = "CENTRALBXXX";
  static final ReaderSettings SETTINGS =
      ReaderSettings.defaults(ON_SETTLEMENT_DAY).withSettlementSystemBic(SETTLEMENT_SYSTEM_BIC);
  static final Iso20022Reader READER = new Iso20022Reader(SETTINGS);

  private ReaderTestSupport() {}

  /**
   * A reader with the test settings that expects messages addressed (AppHdr/To) to this BIC:
   * how a bank would read what the settlement system sends it.
   */
  static Iso20022Reader readerAddressedTo(String receiverBic) {
    return new Iso20022Reader(SETTINGS.withSettlementSystemBic(receiverBic));
  }

  /**
   * What Clearline sends passes the checks it applies to what it receives: the reader's safety
   * pass (size, no DTD or entities, nesting, envelope) accepts it, and its AppHdr agrees with the
   * Document and names the sender.
   *
   * @return what the pass found, for further checks
   */
  static EnvelopeScan assertPassesTheEnvelopeChecks(String xml, String definition,
      String senderBic) {
    Checked<EnvelopeScan> scan = new TransportGuard(ReaderSettings.SIZE_MAX_BYTES_DEFAULT,
        ReaderSettings.NESTING_DEPTH_MAX_DEFAULT).scan(xml.getBytes(StandardCharsets.UTF_8));
    assertThat(scan.isRefused()).as("%s", scan.rejection()).isFalse();
    assertThat(scan.value().messageDefinition()).isEqualTo(definition);
    assertThat(scan.value().headerMessageDefinition()).isEqualTo(definition);
    assertThat(scan.value().headerFromBic()).isEqualTo(senderBic);
    return scan.value();
  }

  static CreditTransferMessage accepted(InboundResult result) {
    return acceptedAs(result, CreditTransferMessage.class);
  }

  static <T extends InboundMessage> T acceptedAs(InboundResult result, Class<T> kind) {
    assertThat(result).isInstanceOf(InboundResult.Accepted.class);
    InboundMessage message = ((InboundResult.Accepted) result).message();
    assertThat(message).isInstanceOf(kind);
    return kind.cast(message);
  }

  static Rejection rejected(InboundResult result) {
    assertThat(result).isInstanceOf(InboundResult.Rejected.class);
    return ((InboundResult.Rejected) result).rejection();
  }
}
