package dev.ecr4j.benchmarks;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures one round trip of the 50-rule policy of {@link LifecycleWorkload}: parsing its indented
 * JSON, validating it against ECR's rules and rendering it minified, as a PutLifecyclePolicy
 * request carries it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LifecyclePolicyJsonBenchmark {

  private String policyJson = "";

  @Setup(Level.Trial)
  public void renderPolicy() {
    policyJson = LifecycleWorkload.policy().toPrettyJson();
  }

  @Benchmark
  public String parseValidateRender() {
    return LifecyclePolicy.parse(policyJson).validate().toJson();
  }
}
