package io.clearline.iso20022.bench;

import com.prowidesoftware.swift.model.mx.JaxbContextCacheImpl;
import com.prowidesoftware.swift.model.mx.JaxbContextLoader;
import com.prowidesoftware.swift.model.mx.MxPacs00800108;
import io.clearline.iso20022.CreditTransferSample;
import io.clearline.iso20022.InboundResult;
import io.clearline.iso20022.Iso20022Reader;
import io.clearline.iso20022.ReaderSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Parse + check + map of a one-transaction pacs.008.001.08 (with AppHdr) by the reader, against a
 * bare Prowide parse of the same bytes with Prowide's JAXB context cache installed. Goal: the
 * reader reaches at least 0.8 times the bare parse's throughput, on one thread.
 *
 * <p>JMH generates its harness with an annotation processor, which javac 23+ runs only when asked:
 * <pre>
 * ./mvnw -o -B -q -pl iso20022 test-compile -Dmaven.compiler.proc=full
 * ./mvnw -o -B -q -pl iso20022 dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp iso20022/target/test-classes:iso20022/target/classes:$(cat /tmp/cp.txt) \
 *     io.clearline.iso20022.bench.ReaderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReaderBenchmark {
  private static final int FORKS = 1;
  private static final int WARMUP_ITERATIONS = 2;
  private static final int MEASUREMENT_ITERATIONS = 3;
  private static final int ITERATION_SECONDS = 1;

  private byte[] bytes;
  private String text;
  private Iso20022Reader reader;

  @Setup
  public void prepare() {
    JaxbContextLoader.INSTANCE.setCacheImpl(new JaxbContextCacheImpl());
    bytes = new CreditTransferSample().bytes();
    text = new String(bytes, StandardCharsets.UTF_8);
    reader = new Iso20022Reader(
        ReaderSettings.defaults(Clock.systemUTC()).withCheckSettlementDate(false)
            .withSettlementSystemBic("CENTRALBXXX"));
    if (!(reader.read(bytes, null) instanceof InboundResult.Accepted)) {
      throw new IllegalStateException("the benchmark message must be accepted");
    }
  }

  @Benchmark
  public InboundResult readCheckAndMap() {
    return reader.read(bytes, null);
  }

  @Benchmark
  public MxPacs00800108 bareCachedProwideParse() {
    return MxPacs00800108.parse(text);
  }

  public static void main(String[] arguments) throws RunnerException {
    new Runner(new OptionsBuilder()
        .include(ReaderBenchmark.class.getName())
        .forks(FORKS)
        .threads(1)
        .warmupIterations(WARMUP_ITERATIONS)
        .warmupTime(TimeValue.seconds(ITERATION_SECONDS))
        .measurementIterations(MEASUREMENT_ITERATIONS)
        .measurementTime(TimeValue.seconds(ITERATION_SECONDS))
        .build()).run();
  }
}
