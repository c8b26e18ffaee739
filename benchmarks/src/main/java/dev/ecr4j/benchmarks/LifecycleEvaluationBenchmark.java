package dev.ecr4j.benchmarks;

import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures {@link LifecyclePolicy#preview}, which validates the policy and then evaluates it, for
 * the 50-rule policy and the repositories of {@link LifecycleWorkload}.
 *
 * <p>The images are passed as an {@link ArrayList}, as a caller that collects DescribeImages pages
 * would pass them, so each operation includes the copy that {@code preview} makes of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 2)
// A fixed heap keeps heap resizing out of the measurement. The 1,000,000 images retain about
// 300 MB, and one preview of them allocates about 200 MB.
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class LifecycleEvaluationBenchmark {

  @Param({"10000", "100000", "1000000"})
  int imageCount;

  private final LifecyclePolicy policy = LifecycleWorkload.policy();
  private List<LifecycleImage> images = new ArrayList<>();

  @Setup(Level.Trial)
  public void generateRepository() {
    images = new ArrayList<>(LifecycleWorkload.images(imageCount));
  }

  @Benchmark
  public void preview(Blackhole blackhole) {
    LifecyclePreview preview = policy.preview(images, LifecycleWorkload.NOW);
    blackhole.consume(preview.expiringImageCount());
    blackhole.consume(preview.transitioningImageCount());
  }
}
