package dev.ecr4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM used per operation, as the secondary
 * result {@code ·cpu.time}, in the benchmark's output time unit. Enable it with {@code -prof
 * dev.ecr4j.benchmarks.ProcessCpuTimeProfiler}.
 *
 * <p>On a shared machine the wall time per operation includes the time other processes held the
 * CPU, and the CPU time does not. The CPU time counts every thread of the JVM, including the JIT
 * compiler and the garbage collector, so it is comparable to wall time only when the JVM is pinned
 * to one core, for example with {@code taskset -c 0}. Cache pollution by other processes still
 * shows in it.
 */
public final class ProcessCpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean operatingSystem =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  private long cpuNanosAtStart;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuNanosAtStart = operatingSystem.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpuNanos = operatingSystem.getProcessCpuTime() - cpuNanosAtStart;
    // All operations of the iteration, because the CPU time covers the whole iteration.
    long operations = result.getMetadata().getAllOps();
    if (cpuNanosAtStart < 0 || operations <= 0) {
      return List.of(); // the platform does not report process CPU time, or nothing ran
    }
    TimeUnit unit = benchmarkParams.getTimeUnit();
    double nanosPerUnit = TimeUnit.NANOSECONDS.convert(1, unit);
    return List.of(
        new ScalarResult(
            "cpu.time",
            cpuNanos / nanosPerUnit / operations,
            TimeValue.tuToString(unit) + "/op",
            AggregationPolicy.AVG));
  }
}
