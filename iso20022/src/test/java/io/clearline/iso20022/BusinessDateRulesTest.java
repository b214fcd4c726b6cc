package io.clearline.iso20022;

import static io.clearline.iso20022.ReaderTestSupport.ON_SETTLEMENT_DAY;
import static io.clearline.iso20022.ReaderTestSupport.READER;
import static io.clearline.iso20022.ReaderTestSupport.SETTINGS;
import static io.clearline.iso20022.ReaderTestSupport.accepted;
import static io.clearline.iso20022.ReaderTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The business-day rules on dates, each refused with DT01: the interbank settlement date is the
 * business date in the settlement system's zone or within a configured window around it, and no
 * message is created ahead of the clock beyond the tolerated skew. The sample clock reads
 * 2025-03-14T10:00:00Z.
 */
class BusinessDateRulesTest {

  private static final String SENDER = CreditTransferSample.DEBTOR_AGENT;

  private static Iso20022Reader reader(ReaderSettings settings) {
    return new Iso20022Reader(settings);
  }

  private static CreditTransferSample settlingOn(String date) {
    return new CreditTransferSample().with("DATE", date);
  }

  @Test
  void rejectsASettlementDateBeforeTheBusinessDate() {
    Rejection rejection = rejected(READER.read(settlingOn("2025-03-13").bytes(), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("DT01");
    assertThat(rejection.explanation()).contains("2025-03-13 is not the business date 2025-03-14");
  }

  @Test
  void rejectsASettlementDateAfterTheBusinessDateByDefault() {
    Rejection rejection = rejected(READER.read(settlingOn("2025-03-15").bytes(), SENDER));
    assertThat(rejection.reasonCode()).isEqualTo("DT01");
  }

  @Test
  void acceptsASettlementDateWithinAConfiguredWindow() {
    Iso20022Reader windowed = reader(SETTINGS.withSettlementDateWindow(1, 3));
    assertThat(accepted(windowed.read(settlingOn("2025-03-13").bytes(), SENDER))
        .transactions().getFirst().interbankSettlementDate()).hasToString("2025-03-13");
    accepted(windowed.read(settlingOn("2025-03-17").bytes(), SENDER));
  }

  @Test
  void rejectsASettlementDateOutsideAConfiguredWindowNamingTheWindow() {
    Iso20022Reader windowed = reader(SETTINGS.withSettlementDateWindow(1, 3));
    Rejection early = rejected(windowed.read(settlingOn("2025-03-12").bytes(), SENDER));
    Rejection late = rejected(windowed.read(settlingOn("2025-03-18").bytes(), SENDER));
    assertThat(early.reasonCode()).isEqualTo("DT01");
    assertThat(early.explanation()).contains("nor within 2025-03-13 to 2025-03-17");
    assertThat(late.reasonCode()).isEqualTo("DT01");
  }

  @Test
  void theBusinessDateIsTheCalendarDateInTheBusinessZone() {
    // 23:30 UTC on the 13th is already the 14th in Berlin.
    Clock lateEvening = Clock.fixed(Instant.parse("2025-03-13T23:30:00Z"), ZoneOffset.UTC);
    ReaderSettings berlin = new ReaderSettings(ReaderSettings.SIZE_MAX_BYTES_DEFAULT,
        ReaderSettings.NESTING_DEPTH_MAX_DEFAULT, true, lateEvening, ZoneId.of("Europe/Berlin"))
        .withSettlementSystemBic(SETTINGS.settlementSystemBic())
        .withCreationDateTimeAheadMax(Duration.ofDays(1));
    ReaderSettings utc = new ReaderSettings(ReaderSettings.SIZE_MAX_BYTES_DEFAULT,
        ReaderSettings.NESTING_DEPTH_MAX_DEFAULT, true, lateEvening, ZoneOffset.UTC)
        .withSettlementSystemBic(SETTINGS.settlementSystemBic())
        .withCreationDateTimeAheadMax(Duration.ofDays(1));
    accepted(reader(berlin).read(settlingOn("2025-03-14").bytes(), SENDER));
    assertThat(rejected(reader(utc).read(settlingOn("2025-03-14").bytes(), SENDER)).reasonCode())
        .isEqualTo("DT01");
  }

  @Test
  void rejectsAReturnWhoseSettlementDateIsNotTheBusinessDate() {
    Rejection rejection = rejected(READER.read(MessageSample.pacs004()
        .with("DATE", "<IntrBkSttlmDt>2025-03-10</IntrBkSttlmDt>").bytes(),
        CreditTransferSample.CREDITOR_AGENT));
    assertThat(rejection.reasonCode()).isEqualTo("DT01");
  }

  private static byte[] createdAt(byte[] message, String creationDateTime) {
    String xml = new String(message, StandardCharsets.UTF_8)
        .replaceAll("<CreDtTm>[^<]*</CreDtTm>", "<CreDtTm>" + creationDateTime + "</CreDtTm>");
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** Every supported message type with a creation date-time, and the bank that sends it. */
  static Stream<Arguments> messagesWithACreationDateTime() {
    return Stream.of(
        Arguments.of("pacs.008", (Supplier<byte[]>) () -> new CreditTransferSample().bytes(),
            SENDER, "GrpHdr/CreDtTm"),
        Arguments.of("pacs.009", (Supplier<byte[]>) () -> CreditTransferSample.pacs009().bytes(),
            SENDER, "GrpHdr/CreDtTm"),
        Arguments.of("pacs.004", (Supplier<byte[]>) () -> MessageSample.pacs004().bytes(),
            CreditTransferSample.CREDITOR_AGENT, "GrpHdr/CreDtTm"),
        Arguments.of("pacs.028", (Supplier<byte[]>) () -> MessageSample.pacs028().bytes(),
            SENDER, "GrpHdr/CreDtTm"),
        Arguments.of("camt.056", (Supplier<byte[]>) () -> MessageSample.camt056().bytes(),
            SENDER, "Assgnmt/CreDtTm"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messagesWithACreationDateTime")
  void rejectsACreationDateTimeAheadOfTheClockBeyondTheTolerance(String type,
      Supplier<byte[]> message, String bank, String field) {
    Rejection rejection =
        rejected(READER.read(createdAt(message.get(), "2025-03-14T10:05:01Z"), bank));
    assertThat(rejection.reasonCode()).isEqualTo("DT01");
    assertThat(rejection.explanation()).startsWith(field + " 2025-03-14T10:05:01Z lies ahead")
        .contains("300 seconds");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messagesWithACreationDateTime")
  void acceptsACreationDateTimeAheadOfTheClockWithinTheTolerance(String type,
      Supplier<byte[]> message, String bank, String field) {
    assertThat(READER.read(createdAt(message.get(), "2025-03-14T10:05:00Z"), bank))
        .isInstanceOf(InboundResult.Accepted.class);
  }

  @Test
  void theCreationDateTimeToleranceIsConfigurable() {
    byte[] anHourAhead = createdAt(new CreditTransferSample().bytes(), "2025-03-14T11:00:00Z");
    accepted(reader(SETTINGS.withCreationDateTimeAheadMax(Duration.ofHours(1)))
        .read(anHourAhead, SENDER));
    assertThat(rejected(READER.read(anHourAhead, SENDER)).reasonCode()).isEqualTo("DT01");
  }

  @Test
  void aCreationDateTimeWithAnOffsetIsComparedAsAnInstant() {
    // 11:04+01:00 is 10:04Z, within five minutes of the clock.
    accepted(READER.read(createdAt(new CreditTransferSample().bytes(),
        "2025-03-14T11:04:00+01:00"), SENDER));
  }

  @Test
  void replayingOldSamplesSwitchesEveryDateRuleOff() {
    Iso20022Reader replay = reader(SETTINGS.withCheckSettlementDate(false));
    byte[] futureAndOld = createdAt(settlingOn("2019-01-02").bytes(), "2030-01-01T00:00:00Z");
    accepted(replay.read(futureAndOld, SENDER));
  }

  @Test
  void dateSettingsOutOfBoundsAreACallerBug() {
    assertThatThrownBy(() -> SETTINGS.withSettlementDateWindow(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("settlementDateDaysPastMax");
    assertThatThrownBy(() -> SETTINGS.withSettlementDateWindow(0, 367))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("settlementDateDaysAheadMax");
    assertThatThrownBy(() -> SETTINGS.withCreationDateTimeAheadMax(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SETTINGS.withSettlementSystemBic("not a bic"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReaderSettings.defaults(ON_SETTLEMENT_DAY).creationDateTimeAheadMax())
        .isEqualTo(Duration.ofMinutes(5));
  }
}
