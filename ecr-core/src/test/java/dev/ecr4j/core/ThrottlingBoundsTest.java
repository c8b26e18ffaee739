package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.retry.HttpFaults;
import dev.ecr4j.core.retry.RetrySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the attempt bounds under 30% throttling, with the throttled requests chosen as the
 * throttling benchmark chooses them: request {@code n} when {@code n % 10} is 0, 3 or 6.
 */
@Timeout(120)
class ThrottlingBoundsTest {

  private static final int CALLS = 200;
  private static final String REPOSITORY_JSON =
      "{\"repositories\":[{\"repositoryName\":\"app\",\"registryId\":\"123456789012\","
          + "\"repositoryArn\":\"arn:aws:ecr:us-east-1:123456789012:repository/app\","
          + "\"repositoryUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/app\","
          + "\"createdAt\":1700000000,\"imageTagMutability\":\"MUTABLE\"}]}";

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final Map<String, AtomicInteger> attemptsPerCall = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String invocation = String.valueOf(request.getHeader("amz-sdk-invocation-id"));
            attemptsPerCall
                .computeIfAbsent(invocation, key -> new AtomicInteger())
                .incrementAndGet();
            int slot = requests.getAndIncrement() % 10;
            if (slot == 0 || slot == 3 || slot == 6) {
              throttled.incrementAndGet();
              return HttpFaults.throttling();
            }
            return new MockResponse()
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .setBody(REPOSITORY_JSON);
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void thirtyPercentThrottledWithinBounds() {
    RetrySettings retry =
        RetrySettings.builder()
            .baseDelay(Duration.ofMillis(1))
            .throttlingBaseDelay(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5))
            .build();
    int failures = 0;
    try (Ecr4jClient ecr =
        TestClients.builder(server.url("/").uri()).retrySettings(retry).build()) {
      for (int i = 0; i < CALLS; i++) {
        try {
          ecr.repositories().describe("app");
        } catch (Ecr4jException e) {
          failures++;
        }
      }
    }

    int maxPerCall = attemptsPerCall.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    assertThat(failures).isZero();
    assertThat(attemptsPerCall).hasSize(CALLS);
    assertThat(maxPerCall).isLessThanOrEqualTo(retry.maxAttempts());
    assertThat(requests.get()).isLessThan((int) (CALLS * 1.6));
    // Each throttled request was retried exactly once, because no two consecutive ones are.
    assertThat(requests.get()).isEqualTo(CALLS + throttled.get());
  }
}
