package io.clearline.core.lsm.bench;

import io.clearline.core.lsm.GridlockResolver;
import io.clearline.core.lsm.RandomNetworks;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.ResolutionMode;
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

/**
 * The resolver on 10,000 queued payments across 100 banks (goal: under 100 ms per run, FIFO mode).
 *
 * <p>JMH generates its harness with an annotation processor, which javac 23+ runs only when asked:
 * <pre>
 * ./mvnw -o -B -q -pl settlement-core test-compile -Dmaven.compiler.proc=full
 * ./mvnw -o -B -q -pl settlement-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp settlement-core/target/test-classes:settlement-core/target/classes:$(cat /tmp/cp.txt) \
 *     io.clearline.core.lsm.bench.GridlockResolverBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GridlockResolverBenchmark {
    private static final long SEED = 20_240_601L;
    private static final int BANK_COUNT = 100;
    private static final int QUEUED_PAYMENT_COUNT = 10_000;
    private static final int FORKS = 1;
    private static final int WARMUP_ITERATIONS = 2;
    private static final int MEASUREMENT_ITERATIONS = 3;

    private GridlockInput input;

    @Setup
    public void generateNetwork() {
        input = RandomNetworks.generate(SEED, BANK_COUNT, QUEUED_PAYMENT_COUNT);
    }

    @Benchmark
    public GridlockResolution resolveInFifoMode() {
        return GridlockResolver.resolve(input, ResolutionMode.FIFO);
    }

    @Benchmark
    public GridlockResolution resolveInOptimisingMode() {
        return GridlockResolver.resolve(input, ResolutionMode.OPTIMISING);
    }

    public static void main(String[] arguments) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(GridlockResolverBenchmark.class.getName())
                .forks(FORKS)
                .warmupIterations(WARMUP_ITERATIONS)
                .measurementIterations(MEASUREMENT_ITERATIONS)
                .build()).run();
    }
}
