package io.clearline.iso20022;

import com.prowidesoftware.swift.model.mx.AbstractMX;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one inbound ISO 20022 message and either maps it to Clearline's records or refuses it
 * with an ISO 20022 status reason code.
 *
 * <p>Usage: build one reader per channel configuration and share it; it is thread-safe. Its
 * settings name the settlement system's BIC, which every AppHdr/To must name.
 * {@code read(xml, "BANKDEFFXXX")} for a message that arrived from that bank; pass a null
 * channel BIC only for offline checking.
 *
 * <p>Failure: every fault of the message (size, hostile or broken XML, unknown type, business
 * rule) comes back as {@link InboundResult.Rejected}; an exception means a bug in Clearline.
 * Checks run in layers: transport safety (size, DTD, entities, nesting), envelope (Document
 * namespace, AppHdr agreement: MsgDefIdr against the namespace, To against the settlement
 * system's BIC), then the business rules of every field Clearline reads.
 *
 * <p>Supported (see {@link #SUPPORTED_MESSAGE_DEFINITIONS}): pacs.008.001.08 to .13, mapped to
 * {@link CreditTransferMessage}; pacs.009.001.08 to .12, core and cover, mapped to
 * {@link FinancialInstitutionCreditTransferMessage}; camt.050.001.05 to .07 (liquidity credit
 * transfer), mapped to {@link LiquidityTransferMessage}; pacs.028.001.03 to .06 (payment status
 * request), mapped to {@link StatusRequestMessage}; camt.056.001.08 to .11 (payment cancellation
 * request), mapped to {@link CancellationRequestMessage}; pacs.004.001.09 to .14 (payment return),
 * mapped to {@link ReturnMessage}.
 */
public final class Iso20022Reader {

  /** The message definitions this reader maps; any other is refused with FF01. */
  public static final Set<String> SUPPORTED_MESSAGE_DEFINITIONS =
      Set.copyOf(MessageDefinitions.SUPPORTED.keySet());

  private final ReaderSettings settings;
  private final TransportGuard guard;

  public Iso20022Reader(ReaderSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.guard = new TransportGuard(settings.sizeMaxBytes(), settings.nestingDepthMax());
    ProwideSetup.ensureInstalled();
  }

  /**
   * @param xml the message as received: a bare Document, or a Document and at most one AppHdr
   *     as the only children of a transport wrapper of any name (SWIFT's Envelope, DataPDU/Body)
   * @param channelBic the bank the message arrived from, or null to skip that rule
   */
  public InboundResult read(byte[] xml, String channelBic) {
    Checked<EnvelopeScan> scanned = guard.scan(xml);
    if (scanned.isRefused()) {
      return new InboundResult.Rejected(scanned.rejection());
    }
    EnvelopeScan scan = scanned.value();
    String definition = scan.messageDefinition();
    MessageDefinitions.Definition supported = MessageDefinitions.SUPPORTED.get(definition);
    if (supported == null) {
      return rejected(scan, "unsupported message definition " + definition
          + "; this system accepts " + MessageDefinitions.LISTED);
    }
    if (scan.hasHeader() && !definition.equals(scan.headerMessageDefinition())) {
      return rejected(scan, "AppHdr/MsgDefIdr '" + scan.headerMessageDefinition()
          + "' does not match the Document namespace " + definition);
    }
    Rejection receiverProblem = checkReceiver(scan);
    if (receiverProblem != null) {
      return new InboundResult.Rejected(receiverProblem);
    }
    AbstractMX parsed;
    try {
      parsed = supported.parseDocument(scan.decode(xml));
    } catch (RuntimeException unreadable) {
      // Prowide throws for content JAXB cannot bind; that is the sender's fault, not a bug.
      return rejected(scan, "the Document could not be read as " + definition + ": "
          + unreadable.getClass().getSimpleName());
    }
    if (parsed == null) {
      return rejected(scan, "the Document could not be read as " + definition);
    }
    return map(parsed, supported.kind(), scan, channelBic);
  }

  private InboundResult map(
      AbstractMX parsed, MessageDefinitions.Kind kind, EnvelopeScan scan, String channelBic) {
    GroupMapper mapper = new GroupMapper(scan, channelBic);
    TransactionChecks checks = new TransactionChecks(settings, mapper::reject);
    String definition = scan.messageDefinition();
    return switch (kind) {
      case CUSTOMER_CREDIT_TRANSFER -> result(
          mapper.map(parsed, kind.rootElement, new Pacs008Transactions(checks), checks),
          group -> new CreditTransferMessage(group.messageId(), definition,
              group.creationDateTime(), group.transactions()));
      case FINANCIAL_INSTITUTION_CREDIT_TRANSFER -> result(
          mapper.map(parsed, kind.rootElement, new Pacs009Transactions(checks), checks),
          group -> new FinancialInstitutionCreditTransferMessage(group.messageId(), definition,
              group.creationDateTime(), group.transactions()));
      case LIQUIDITY_CREDIT_TRANSFER -> result(
          new LiquidityTransfers(mapper, checks).map(parsed, definition),
          message -> message);
      case STATUS_REQUEST -> result(
          new StatusRequests(mapper, checks).map(parsed, definition),
          message -> message);
      case CANCELLATION_REQUEST -> result(
          new CancellationRequests(mapper, checks).map(parsed, definition),
          message -> message);
      case PAYMENT_RETURN -> result(
          mapper.map(parsed, kind.rootElement, new Pacs004Transactions(mapper, checks),
              checks),
          group -> new ReturnMessage(group.messageId(), definition, group.creationDateTime(),
              group.transactions()));
    };
  }

  private static <T> InboundResult result(Checked<T> mapped,
      Function<T, InboundMessage> message) {
    return mapped.isRefused()
        ? new InboundResult.Rejected(mapped.rejection())
        : new InboundResult.Accepted(message.apply(mapped.value()));
  }

  /**
   * The AppHdr's To must be this settlement system (when the settings name it): a message
   * addressed to another institution reached us by mistake, and acting on it would answer for
   * someone else. RC01 when To names no BIC or a malformed one, AGNT when it names another.
   */
  private Rejection checkReceiver(EnvelopeScan scan) {
    String expected = settings.settlementSystemBic();
    if (!scan.hasHeader() || expected == null) {
      return null;
    }
    String receiver = scan.headerToBic();
    if (!Identifiers.isBic(receiver)) {
      return rejection(scan, ReasonCode.BANK_IDENTIFIER_INCORRECT, receiver == null
          ? "AppHdr/To names no BIC (To/FIId/FinInstnId/BICFI); address the message to "
              + expected
          : "AppHdr/To BIC '" + receiver + "' is not a valid BIC");
    }
    if (!receiver.equals(expected)) {
      return rejection(scan, ReasonCode.INCORRECT_AGENT, "AppHdr/To '" + receiver
          + "' is not this settlement system '" + expected + "'; address the message to "
          + expected);
    }
    return null;
  }

  private static Rejection rejection(EnvelopeScan scan, String reasonCode, String explanation) {
    return new Rejection(reasonCode, explanation, scan.headerBusinessMessageId(),
        scan.messageDefinition());
  }

  private static InboundResult rejected(EnvelopeScan scan, String explanation) {
    return new InboundResult.Rejected(
        rejection(scan, ReasonCode.INVALID_FILE_FORMAT, explanation));
  }

}
