package io.clearline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

final class ReaderTestSupport {

  static final Clock ON_SETTLEMENT_DAY =
      Clock.fixed(Instant.parse("2025-03-14T10:00:00Z"), ZoneId.of("Europe/Berlin"));
  static final Iso20022Reader READER = new Iso20022Reader(ReaderSettings.defaults(ON_SETTLEMENT_DAY));

  private ReaderTestSupport() {}

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
