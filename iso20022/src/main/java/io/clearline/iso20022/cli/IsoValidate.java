package io.clearline.iso20022.cli;

import io.clearline.iso20022.InboundMessage;
import io.clearline.iso20022.InboundResult;
import io.clearline.iso20022.Iso20022Reader;
import io.clearline.iso20022.ReaderSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline checker: {@code IsoValidate FILE...} prints one tab-separated line per file: path,
 * ACCEPTED or REJECTED, message definition (or -), reason codes (or -), explanation.
 *
 * <p>Exit status 0 if all were accepted, 1 if any was rejected, 2 on a usage error (no files, or
 * a path that cannot be read; nothing is checked then). Dates are not compared with today so
 * old samples replay, AppHdr/To may name any receiver, and no channel BIC applies.
 */
public final class IsoValidate {

  public static final int EXIT_ALL_ACCEPTED = 0;
  public static final int EXIT_SOME_REJECTED = 1;
  public static final int EXIT_USAGE_ERROR = 2;
  /** Longest explanation printed, so one line stays one readable line. */
  private static final int EXPLANATION_LENGTH_MAX = 300;

  private final Iso20022Reader reader;

  public IsoValidate(Iso20022Reader reader) {
    this.reader = reader;
  }

  /**
   * A reader with the offline settings: system clock, no date rules (old samples replay) and no
   * AppHdr/To check (a file may be addressed to any settlement system, this node's or a test
   * network's).
   */
  public static IsoValidate offline() {
    return new IsoValidate(new Iso20022Reader(
        ReaderSettings.defaults(Clock.systemUTC()).withCheckSettlementDate(false)
            .withSettlementSystemBic(null)));
  }

  public static void main(String[] args) {
    System.exit(offline().run(List.of(args), System.out, System.err));
  }

  /** Checks every file and prints its line; returns the exit status. */
  public int run(List<String> arguments, PrintStream out, PrintStream err) {
    if (arguments.isEmpty()) {
      err.println("usage: IsoValidate FILE...");
      return EXIT_USAGE_ERROR;
    }
    List<byte[]> contents = new ArrayList<>();
    for (String argument : arguments) {
      try {
        contents.add(Files.readAllBytes(Path.of(argument)));
      } catch (IOException | RuntimeException unreadable) {
        err.println("cannot read " + argument + ": " + unreadable.getClass().getSimpleName()
            + " " + unreadable.getMessage());
        return EXIT_USAGE_ERROR;
      }
    }
    int status = EXIT_ALL_ACCEPTED;
    for (int index = 0; index < arguments.size(); index++) {
      String line = line(arguments.get(index), contents.get(index));
      out.println(line);
      if (line.split("\t")[1].equals("REJECTED")) {
        status = EXIT_SOME_REJECTED;
      }
    }
    return status;
  }

  /** The output line for one file's content, without a line terminator. */
  public String line(String path, byte[] content) {
    InboundResult result = reader.read(content, null);
    return switch (result) {
      case InboundResult.Accepted accepted -> String.join("\t", clean(path), "ACCEPTED",
          accepted.message().messageDefinition(), "-", count(accepted.message()));
      case InboundResult.Rejected rejected -> String.join("\t", clean(path), "REJECTED",
          orDash(rejected.rejection().messageDefinition()), rejected.rejection().reasonCode(),
          clean(rejected.rejection().explanation()));
    };
  }

  private static String count(InboundMessage message) {
    int count = message.transactionCount();
    return count == 1 ? "1 transaction" : count + " transactions";
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  /** Tabs and line breaks inside a value would break the one-line, tab-separated format. */
  private static String clean(String value) {
    String flat = value.replaceAll("[\\t\\r\\n]+", " ");
    return flat.length() > EXPLANATION_LENGTH_MAX
        ? flat.substring(0, EXPLANATION_LENGTH_MAX) + "..." : flat;
  }
}
