package dev.ecr4j.benchmarks.state;

import dev.ecr4j.benchmarks.emulator.MotoProcess;
import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.state.ApplyResult;
import dev.ecr4j.state.Plan;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.StateEngine;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Measures {@link StateEngine#plan(RegistrySpec)} for 250, 500 and 1,000 repositories that each
 * manage tag mutability, tags, a lifecycle policy and a repository policy, against the embedded
 * emulator and, when python3 has moto, against moto's server in the same run. Every ECR call is
 * counted by operation, to show that calls grow linearly with the repositories.
 *
 * <p>Run after {@code ./mvnw -B -pl ecr-policy-dsl,ecr-core,ecr-testkit,benchmarks package
 * -DskipTests}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ecr4j.benchmarks.state.PlanBenchmark
 * </pre>
 */
public final class PlanBenchmark {

  private static final int[] SIZES = {250, 500, 1_000};
  private static final int WARMUP_PLANS = 2;
  private static final int MEASURED_PLANS = 5;

  /** moto's fixed account, which the emulator also uses here so that both see the same ARNs. */
  private static final String ACCOUNT = "123456789012";

  private static final LifecyclePolicy LIFECYCLE =
      LifecyclePolicy.builder().untagged().expireAfterDays(14).build();
  private static final RepositoryPolicy POLICY =
      RepositoryPolicy.builder().statement(PolicyPresets.crossAccountPull("111122223333")).build();

  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "machine: %d processors, Java %s, %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
    try (EcrEmulator emulator =
        EcrEmulator.builder()
            .credentials(new EmulatorCredentials("test", "test", ACCOUNT))
            .start()) {
      measure("emulator", emulator.endpoint());
    }
    String unavailable = motoUnavailableReason();
    if (!unavailable.isEmpty()) {
      System.out.println("moto: skipped, because " + unavailable);
      return;
    }
    try (MotoProcess moto = MotoProcess.start(freePort())) {
      measure("moto", moto.endpoint());
    }
  }

  private static void measure(String backend, URI endpoint) {
    CallCounter counter = new CallCounter();
    try (EcrClient sdk = sdkClient(endpoint, counter);
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .ecrClient(sdk)
                .region(Region.US_EAST_1)
                .accountId(ACCOUNT)
                .rateLimitSettings(RateLimitSettings.unlimited())
                .build()) {
      StateEngine engine = StateEngine.of(ecr);

      long start = System.nanoTime();
      ApplyResult created = engine.apply(engine.plan(spec(SIZES[SIZES.length - 1])));
      System.out.printf(
          Locale.ROOT,
          "%s: populated %d repositories with %d changes in %.1f s%n",
          backend,
          SIZES[SIZES.length - 1],
          created.applied().size(),
          (System.nanoTime() - start) / 1e9);

      for (int size : SIZES) {
        RegistrySpec spec = spec(size);
        for (int i = 0; i < WARMUP_PLANS; i++) {
          requireEmpty(engine.plan(spec));
        }
        List<Double> millis = new ArrayList<>();
        Map<String, Long> calls = Map.of();
        for (int i = 0; i < MEASURED_PLANS; i++) {
          counter.reset();
          long planStart = System.nanoTime();
          requireEmpty(engine.plan(spec));
          millis.add((System.nanoTime() - planStart) / 1e6);
          calls = counter.snapshot();
        }
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        millis.sort(null);
        System.out.printf(
            Locale.ROOT,
            "%s: plan of %d repositories: median %.0f ms, max %.0f ms; %d calls (%.2f per"
                + " repository): %s%n",
            backend,
            size,
            millis.get(millis.size() / 2),
            millis.get(millis.size() - 1),
            total,
            (double) total / size,
            calls);
      }
    }
  }

  private static void requireEmpty(Plan plan) {
    if (!plan.isEmpty()) {
      throw new IllegalStateException("the plan after populating is not empty:\n" + plan.render());
    }
  }

  /** Returns a specification of the first {@code size} benchmark repositories. */
  private static RegistrySpec spec(int size) {
    RegistrySpec.Builder spec = RegistrySpec.builder().region("us-east-1");
    for (int i = 0; i < size; i++) {
      String index = String.format(Locale.ROOT, "%04d", i);
      spec.repository(
          "bench/repository-" + index,
          repository ->
              repository
                  .tagMutability(TagMutability.immutable())
                  .tag("team", "bench")
                  .tag("index", index)
                  .lifecyclePolicy(LIFECYCLE)
                  .repositoryPolicy(POLICY));
    }
    return spec.build();
  }

  private static EcrClient sdkClient(URI endpoint, CallCounter counter) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16))
        .overrideConfiguration(override -> override.addExecutionInterceptor(counter))
        .build();
  }

  /** Counts logical calls by operation; retries of one call are not counted again. */
  private static final class CallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      calls.computeIfAbsent(String.valueOf(operation), name -> new LongAdder()).increment();
    }

    void reset() {
      calls.clear();
    }

    Map<String, Long> snapshot() {
      Map<String, Long> copy = new TreeMap<>();
      calls.forEach((operation, count) -> copy.put(operation, count.sum()));
      return copy;
    }
  }

  private static String motoUnavailableReason() throws InterruptedException {
    try {
      Process probe =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .start();
      if (!probe.waitFor(30, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return "python3 -c 'import moto.server' did not finish within 30 s";
      }
      return probe.exitValue() == 0 ? "" : "python3 cannot import moto.server";
    } catch (IOException e) {
      return "python3 is not installed (" + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
