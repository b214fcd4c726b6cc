package io.clearline.iso20022.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoValidateTest {

  private final IsoValidate validate = IsoValidate.offline();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(List<String> arguments) {
    return validate.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsARejectedLineWithCodeAndExplanation() {
    String line = validate.line("bad.xml", "<a><b></a>".getBytes(StandardCharsets.UTF_8));
    assertThat(line.split("\t")).hasSize(5)
        .startsWith("bad.xml", "REJECTED", "-", "FF01");
  }

  @Test
  void exitsWithOneWhenAnyFileIsRejected(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("empty.xml"), "");
    assertThat(run(List.of(file.toString()))).isEqualTo(IsoValidate.EXIT_SOME_REJECTED);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\tREJECTED\t-\tFF01\t");
  }

  @Test
  void exitsWithTwoWithoutFiles() {
    assertThat(run(List.of())).isEqualTo(IsoValidate.EXIT_USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }

  @Test
  void exitsWithTwoForAnUnreadablePath(@TempDir Path directory) {
    String missing = directory.resolve("missing.xml").toString();
    assertThat(run(List.of(missing))).isEqualTo(IsoValidate.EXIT_USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read " + missing);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
