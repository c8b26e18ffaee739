package dev.ecr4j.benchmarks.emulator;

import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Measures the embedded emulator against its targets: the time to the first served request after
 * {@link EcrEmulator#start()}, each in a fresh JVM, and control-plane calls per second compared
 * with moto's server on the same calls in the same run.
 *
 * <p>Run after {@code ./mvnw -B -o -pl benchmarks -am package -DskipTests}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ecr4j.benchmarks.emulator.EmulatorBenchmark [startup|throughput]
 * </pre>
 *
 * <p>The throughput part needs {@code python3} with moto; without it, only the start-up part runs.
 * Every server binds to 127.0.0.1, and every loop stops after a fixed time or a fixed number of
 * calls, whichever comes first.
 */
public final class EmulatorBenchmark {

  /** Fresh JVMs started for the start-up figure; the median and the maximum are reported. */
  private static final int STARTUP_SAMPLES = 11;

  /** Client threads per server. Both servers get the same load. */
  private static final int THREADS = 4;

  private static final long WARMUP_MILLIS = 5_000;

  /**
   * Warm-up of the first SDK run against each server. With 5 s, the SDK client on two vCPUs was
   * still being compiled during the measurement, and its first round measured a fifth of the
   * second.
   */
  private static final long FIRST_SDK_WARMUP_MILLIS = 20_000;

  private static final long MEASURE_MILLIS = 8_000;

  /** An upper bound on calls per thread and phase, so that no loop can run away. */
  private static final int MAX_CALLS_PER_THREAD = 2_000_000;

  private static final int ROUNDS = 2;

  /** moto's fixed account, which the emulator also uses here so that both see the same ARNs. */
  private static final String ACCOUNT = "123456789012";

  private static final String REPOSITORY = "bench/app";
  private static final String ARN =
      "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + REPOSITORY;
  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:aaaa\",\"size\":10},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\"sha256:bbbb\",\"size\":1000}]}";

  /** The operations and bodies of the raw-client mix: the same calls as {@link #CALLS}. */
  private static final List<Map.Entry<String, String>> RAW_CALLS =
      List.of(
          Map.entry("DescribeRepositories", "{\"repositoryNames\":[\"" + REPOSITORY + "\"]}"),
          Map.entry("ListImages", "{\"repositoryName\":\"" + REPOSITORY + "\"}"),
          Map.entry("DescribeImages", "{\"repositoryName\":\"" + REPOSITORY + "\"}"),
          Map.entry(
              "BatchGetImage",
              "{\"repositoryName\":\"" + REPOSITORY + "\",\"imageIds\":[{\"imageTag\":\"v1\"}]}"),
          Map.entry("ListTagsForResource", "{\"resourceArn\":\"" + ARN + "\"}"),
          Map.entry(
              "TagResource",
              "{\"resourceArn\":\""
                  + ARN
                  + "\",\"tags\":[{\"Key\":\"env\",\"Value\":\"bench\"}]}"));

  /** The calls of the SDK mix, made in turn; all but TagResource only read. */
  private static final List<Consumer<EcrClient>> CALLS =
      List.of(
          c -> c.describeRepositories(r -> r.repositoryNames(REPOSITORY)),
          c -> c.listImages(r -> r.repositoryName(REPOSITORY)),
          c -> c.describeImages(r -> r.repositoryName(REPOSITORY)),
          c -> c.batchGetImage(r -> r.repositoryName(REPOSITORY).imageIds(i -> i.imageTag("v1"))),
          c -> c.listTagsForResource(r -> r.resourceArn(ARN)),
          c -> c.tagResource(r -> r.resourceArn(ARN).tags(t -> t.key("env").value("bench"))));

  private EmulatorBenchmark() {}

  /** Runs both parts, or only the one named by the first argument: startup or throughput. */
  public static void main(String[] args) throws Exception {
    String part = args.length > 0 ? args[0] : "all";
    printMachine();
    if (!part.equals("throughput")) {
      measureStartup();
    }
    if (!part.equals("startup")) {
      measureThroughput();
    }
  }

  private static void printMachine() {
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores available to the JVM, max heap %d MiB, %s %s, Java %s (%s)%n",
        runtime.availableProcessors(),
        runtime.maxMemory() / (1024 * 1024),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }

  // Start-up

  private static void measureStartup() throws Exception {
    List<Double> starts = new ArrayList<>();
    List<Double> firstResponses = new ArrayList<>();
    List<Double> warmFirstResponses = new ArrayList<>();
    for (int sample = 0; sample < STARTUP_SAMPLES; sample++) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(StartupProbe.class.getName());
      command.add(String.valueOf(port));
      command.addAll(SignedCalls.headers(port, "DescribeRepositories", "{}"));
      Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        throw new IllegalStateException("The start-up probe did not finish within 60 s.");
      }
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> figures = parseFigures(output);
      if (probe.exitValue() != 0
          || !"200".equals(figures.get("status"))
          || !"200".equals(figures.get("warm_status"))) {
        throw new IllegalStateException("The start-up probe failed: " + output);
      }
      starts.add(Double.parseDouble(figures.getOrDefault("start_ms", "NaN")));
      firstResponses.add(Double.parseDouble(figures.getOrDefault("first_response_ms", "NaN")));
      warmFirstResponses.add(
          Double.parseDouble(figures.getOrDefault("warm_first_response_ms", "NaN")));
    }
    System.out.printf(
        Locale.ROOT,
        "startup: %d fresh JVMs; start() median %.1f ms, max %.1f ms;"
            + " first served request median %.1f ms, max %.1f ms (target < 150 ms);"
            + " second emulator in the same JVM: first served request median %.1f ms, max %.1f"
            + " ms%n",
        STARTUP_SAMPLES,
        median(starts),
        max(starts),
        median(firstResponses),
        max(firstResponses),
        median(warmFirstResponses),
        max(warmFirstResponses));
  }

  private static Map<String, String> parseFigures(String output) {
    Map<String, String> figures = new HashMap<>();
    for (String field : output.trim().split("\\s+")) {
      int equals = field.indexOf('=');
      if (equals > 0) {
        figures.put(field.substring(0, equals), field.substring(equals + 1));
      }
    }
    return figures;
  }

  // Throughput

  private static void measureThroughput() throws Exception {
    String unavailable = motoUnavailableReason();
    if (!unavailable.isEmpty()) {
      System.out.println("throughput: skipped, because " + unavailable);
      return;
    }
    try (MotoProcess moto = MotoProcess.start(freePort());
        EcrEmulator emulator =
            EcrEmulator.builder()
                .credentials(new EmulatorCredentials("test", "test", ACCOUNT))
                .start();
        EcrClient toEmulator = client(emulator.endpoint());
        EcrClient toMoto = client(moto.endpoint())) {
      prepare(toEmulator);
      prepare(toMoto);
      List<byte[]> toEmulatorRaw = rawRequests(emulator.port());
      List<byte[]> toMotoRaw = rawRequests(moto.port());
      for (int round = 1; round <= ROUNDS; round++) {
        long sdkWarmUp = round == 1 ? FIRST_SDK_WARMUP_MILLIS : WARMUP_MILLIS;
        report("SDK client", round, sdkRate(toEmulator, sdkWarmUp), sdkRate(toMoto, sdkWarmUp));
        report(
            "raw client",
            round,
            rawRate(emulator.port(), toEmulatorRaw),
            rawRate(moto.port(), toMotoRaw));
      }
    }
  }

  private static void report(String client, int round, double emulatorRate, double motoRate) {
    System.out.printf(
        Locale.ROOT,
        "throughput, %s, round %d: emulator %.0f calls/s, moto %.0f calls/s, ratio %.1f"
            + " (target >= 10)%n",
        client,
        round,
        emulatorRate,
        motoRate,
        emulatorRate / motoRate);
  }

  private static List<byte[]> rawRequests(int port) {
    List<byte[]> requests = new ArrayList<>();
    for (Map.Entry<String, String> call : RAW_CALLS) {
      requests.add(SignedCalls.request(port, call.getKey(), call.getValue()));
    }
    return requests;
  }

  private static void prepare(EcrClient client) {
    client.createRepository(r -> r.repositoryName(REPOSITORY));
    client.putImage(r -> r.repositoryName(REPOSITORY).imageManifest(MANIFEST).imageTag("v1"));
  }

  /** Warms up, then runs the SDK mix on {@link #THREADS} threads; returns calls per second. */
  private static double sdkRate(EcrClient client, long warmUpMillis) throws Exception {
    return rate(
        (offset, deadline) -> {
          long calls = 0;
          while (System.nanoTime() < deadline && calls < MAX_CALLS_PER_THREAD) {
            CALLS.get((int) ((calls + offset) % CALLS.size())).accept(client);
            calls++;
          }
          return calls;
        },
        warmUpMillis);
  }

  /**
   * Warms up, then sends the pre-signed mix on {@link #THREADS} keep-alive connections; returns
   * calls per second. Any status other than 200 fails the benchmark.
   */
  private static double rawRate(int port, List<byte[]> requests) throws Exception {
    return rate(
        (offset, deadline) -> {
          long calls = 0;
          try (RawConnection connection = new RawConnection(port)) {
            while (System.nanoTime() < deadline && calls < MAX_CALLS_PER_THREAD) {
              int index = (int) ((calls + offset) % requests.size());
              int status = connection.call(requests.get(index));
              if (status != 200) {
                throw new IllegalStateException(
                    "Call " + RAW_CALLS.get(index).getKey() + " returned HTTP " + status);
              }
              calls++;
            }
          }
          return calls;
        });
  }

  /** One load thread: makes calls until {@code deadline} (a nanoTime) and returns how many. */
  @FunctionalInterface
  private interface LoadThread {
    long run(int offset, long deadline) throws Exception;
  }

  private static double rate(LoadThread load) throws Exception {
    return rate(load, WARMUP_MILLIS);
  }

  private static double rate(LoadThread load, long warmUpMillis) throws Exception {
    runFor(load, warmUpMillis);
    long begin = System.nanoTime();
    long calls = runFor(load, MEASURE_MILLIS);
    double seconds = (System.nanoTime() - begin) / 1e9;
    return calls / seconds;
  }

  private static long runFor(LoadThread load, long millis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int offset = thread;
        results.add(pool.submit(() -> load.run(offset, deadline)));
      }
      long total = 0;
      for (Future<Long> result : results) {
        total += result.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static EcrClient client(URI endpoint) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        // The Apache client is the SDK's default and the one the testkit's EcrClient uses. The
        // URL-connection client waits 1 ms before each request with a body on a reused connection,
        // to check that the server has not closed it, so it cannot exceed about 1,000 calls per
        // second per thread whatever the server.
        .httpClient(ApacheHttpClient.builder().maxConnections(2 * THREADS).build())
        // A failed call must fail the benchmark, not be retried into the figures.
        .overrideConfiguration(
            c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
        .build();
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

  // Helpers

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static double max(List<Double> values) {
    return Arrays.stream(values.stream().mapToDouble(Double::doubleValue).toArray())
        .max()
        .orElse(0);
  }
}
