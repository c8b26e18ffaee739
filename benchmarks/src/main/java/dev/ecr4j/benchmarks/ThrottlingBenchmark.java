package dev.ecr4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.retry.CircuitBreakerSettings;
import dev.ecr4j.core.retry.RetrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Sends a batch of DescribeRepositories calls through {@link Ecr4jClient} to a JDK HTTP server on
 * 127.0.0.1 that throttles 30% of the requests it receives, and reports the attempts per call.
 *
 * <p>The server throttles request number {@code n} (counted from 0 across all calls) when {@code n
 * % 10} is 0, 3 or 6, and responds as ECR does: HTTP 400 with {@code
 * {"__type":"ThrottlingException","message":"Rate exceeded"}}. The pattern is deterministic, and no
 * two consecutive requests are throttled.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.ecr4j.benchmarks.ThrottlingBenchmark
 * [calls] [threads]}; defaults 1,000 calls on 1 thread. Exits with status 1 when a call failed, a
 * call exceeded the attempt cap, or the attempts reached 1.6 times the calls.
 */
public final class ThrottlingBenchmark {

  private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  private static final String THROTTLING_BODY =
      "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
  private static final String REPOSITORY_BODY =
      "{\"repositories\":[{\"repositoryName\":\"app\",\"registryId\":\"123456789012\","
          + "\"repositoryArn\":\"arn:aws:ecr:us-east-1:123456789012:repository/app\","
          + "\"repositoryUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/app\","
          + "\"createdAt\":1700000000,\"imageTagMutability\":\"MUTABLE\"}]}";
  // The target: total attempts stay below this multiple of the calls.
  private static final double MAX_ATTEMPT_RATIO = 1.6;

  private ThrottlingBenchmark() {}

  /** The server's counts. */
  private static final class ThrottlingServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, AtomicInteger> attemptsPerCall = new ConcurrentHashMap<>();

    ThrottlingServer() throws IOException {
      // Without TCP_NODELAY, delayed ACKs on loopback add about 40 ms to each response.
      System.setProperty("sun.net.httpserver.nodelay", "true");
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(8));
      server.createContext("/", this::handle);
      server.start();
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (InputStream body = exchange.getRequestBody()) {
        body.readAllBytes();
      }
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      // The SDK keeps one invocation id across the attempts of a call.
      String invocation =
          String.valueOf(exchange.getRequestHeaders().getFirst("amz-sdk-invocation-id"));
      attemptsPerCall.computeIfAbsent(invocation, key -> new AtomicInteger()).incrementAndGet();

      long n = requests.getAndIncrement();
      long slot = n % 10;
      boolean throttle = slot == 0 || slot == 3 || slot == 6;
      if (throttle) {
        throttled.incrementAndGet();
        send(exchange, 400, THROTTLING_BODY);
      } else if (target.equals(TARGET_PREFIX + "DescribeRepositories")) {
        send(exchange, 200, REPOSITORY_BODY);
      } else {
        send(
            exchange,
            400,
            "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
      }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "benchmark");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args the number of calls and the number of client threads, both optional
   */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    RetrySettings retry =
        RetrySettings.builder()
            // A short throttling backoff keeps the run short; the attempt counts do not depend
            // on it.
            .throttlingBaseDelay(Duration.ofMillis(10))
            .baseDelay(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(100))
            .build();

    AtomicInteger failures = new AtomicInteger();
    long startNanos;
    long elapsedNanos;
    try (ThrottlingServer server = new ThrottlingServer();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("benchmark", "benchmark")))
                .region(Region.US_EAST_1)
                .endpointOverride(server.endpoint())
                .retrySettings(retry)
                // The breaker stays at its defaults: it opens only on calls that fail after
                // their retries.
                .circuitBreakerSettings(CircuitBreakerSettings.defaults())
                .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> results = new ArrayList<>();
      startNanos = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        results.add(
            pool.submit(
                () -> {
                  try {
                    ecr.repositories().describe("app");
                  } catch (Ecr4jException e) {
                    failures.incrementAndGet();
                    System.err.println("call failed: " + e.getMessage());
                  }
                }));
      }
      for (Future<?> result : results) {
        result.get();
      }
      elapsedNanos = System.nanoTime() - startNanos;
      pool.shutdown();

      long attempts = server.requests.get();
      int maxPerCall =
          server.attemptsPerCall.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
      double ratio = (double) attempts / calls;
      System.out.printf(
          "calls=%d threads=%d attempts=%d throttled=%d ratio=%.3f maxAttemptsPerCall=%d"
              + " attemptCap=%d failures=%d elapsedMs=%d%n",
          calls,
          threads,
          attempts,
          server.throttled.get(),
          ratio,
          maxPerCall,
          retry.maxAttempts(),
          failures.get(),
          Duration.ofNanos(elapsedNanos).toMillis());
      boolean met =
          failures.get() == 0 && maxPerCall <= retry.maxAttempts() && ratio < MAX_ATTEMPT_RATIO;
      System.out.println(met ? "target met" : "target missed");
      if (!met) {
        System.exit(1);
      }
    }
  }
}
