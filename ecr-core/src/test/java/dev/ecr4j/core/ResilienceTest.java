package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.retry.CircuitBreakerSettings;
import dev.ecr4j.core.retry.HttpFaults;
import dev.ecr4j.core.retry.ResilienceEvent;
import dev.ecr4j.core.retry.RetrySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Injects faults with MockWebServer and checks the attempts each logical call sends. */
@Timeout(60)
class ResilienceTest {

  private static final String REPOSITORY_JSON =
      "{\"repositories\":[{\"repositoryName\":\"app\",\"registryId\":\"123456789012\","
          + "\"repositoryArn\":\"arn:aws:ecr:us-east-1:123456789012:repository/app\","
          + "\"repositoryUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/app\","
          + "\"createdAt\":1700000000,\"imageTagMutability\":\"MUTABLE\"}]}";

  private final MockWebServer server = new MockWebServer();
  private final List<ResilienceEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private URI endpoint() {
    return server.url("/").uri();
  }

  private Ecr4jClient client(RetrySettings retry, CircuitBreakerSettings breaker) {
    return TestClients.builder(endpoint())
        .retrySettings(retry)
        .circuitBreakerSettings(breaker)
        .httpSettings(HttpSettings.builder().socketTimeout(Duration.ofMillis(500)).build())
        .listener(events::add)
        .build();
  }

  private Ecr4jClient client() {
    return client(fastRetries().build(), CircuitBreakerSettings.disabled());
  }

  private static RetrySettings.Builder fastRetries() {
    return RetrySettings.builder()
        .baseDelay(Duration.ofMillis(1))
        .throttlingBaseDelay(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5))
        .deadline(Duration.ofSeconds(20));
  }

  private static MockResponse ok() {
    return new MockResponse()
        .setHeader("Content-Type", "application/x-amz-json-1.1")
        .setBody(REPOSITORY_JSON);
  }

  @Test
  void throttlingRetriedThenSucceeds() {
    server.enqueue(HttpFaults.throttling());
    server.enqueue(HttpFaults.throttling());
    server.enqueue(ok());

    try (Ecr4jClient ecr = client()) {
      assertThat(ecr.repositories().describe("app").name()).isEqualTo("app");
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(events)
        .filteredOn(ResilienceEvent.RetryScheduled.class::isInstance)
        .map(e -> (ResilienceEvent.RetryScheduled) e)
        .extracting(ResilienceEvent.RetryScheduled::failedAttempt)
        .containsExactly(1, 2);
  }

  @Test
  void serverErrorsExhaustAttempts() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(HttpFaults.serverError());
    }

    try (Ecr4jClient ecr = client()) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.operation()).isEqualTo("DescribeRepositories");
                assertThat(e.lastFailure()).isInstanceOf(Ecr4jServiceException.class);
                assertThat(e.getMessage())
                    .startsWith("DescribeRepositories failed after 3 attempts in ")
                    .contains(
                        " ms because no attempt was left; last failure: DescribeRepositories"
                            + " failed: Service unavailable (ServerException, HTTP 500");
              });
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void throttlingExhaustsConfiguredMaximum() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(HttpFaults.throttling());
    }

    try (Ecr4jClient ecr =
        client(fastRetries().maxAttempts(5).build(), CircuitBreakerSettings.disabled())) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(5);
                assertThat(e.lastFailure()).isInstanceOf(ThrottledException.class);
              });
    }

    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void throttlingUsesWholeDefaultBudget() {
    for (int i = 0; i < 7; i++) {
      server.enqueue(HttpFaults.throttling());
    }
    server.enqueue(ok());

    try (Ecr4jClient ecr = client()) {
      assertThat(ecr.repositories().describe("app").name()).isEqualTo("app");
    }

    assertThat(server.getRequestCount()).isEqualTo(8);
  }

  @Test
  void throttlingStopsAtDefaultMaximum() {
    for (int i = 0; i < 9; i++) {
      server.enqueue(HttpFaults.throttling());
    }

    try (Ecr4jClient ecr = client()) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(8));
    }

    assertThat(server.getRequestCount()).isEqualTo(8);
  }

  @Test
  void serverFailureShrinksThrottlingBudget() {
    server.enqueue(HttpFaults.throttling());
    server.enqueue(HttpFaults.serverError());
    for (int i = 0; i < 5; i++) {
      server.enqueue(HttpFaults.throttling());
    }

    try (Ecr4jClient ecr = client()) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.lastFailure()).isInstanceOf(ThrottledException.class);
              });
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void serverFailureBudgetIsConfigurable() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(HttpFaults.serverError());
    }

    try (Ecr4jClient ecr =
        client(
            fastRetries().maxServerFailureAttempts(5).build(), CircuitBreakerSettings.disabled())) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(5));
    }

    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void maxAttemptsCapsServerFailureBudget() {
    RetrySettings retry =
        RetrySettings.builder().maxAttempts(2).maxServerFailureAttempts(5).build();

    assertThat(retry.maxServerFailureAttempts()).isEqualTo(2);
    assertThat(RetrySettings.noRetries().maxServerFailureAttempts()).isEqualTo(1);
    assertThatThrownBy(() -> RetrySettings.builder().maxServerFailureAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "maxServerFailureAttempts must be from 1 to 20, but was 0; use 1 to stop retrying"
                + " after a 5xx status or a connection failure");
  }

  @Test
  void noRetriesMeansOneAttempt() {
    server.enqueue(HttpFaults.throttling());

    try (Ecr4jClient ecr =
        client(fastRetries().maxAttempts(1).build(), CircuitBreakerSettings.disabled())) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOf(ThrottledException.class)
          .hasMessageStartingWith(
              "DescribeRepositories failed: Rate exceeded (ThrottlingException, HTTP 400");
    }

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void clientErrorNotRetried() {
    server.enqueue(
        HttpFaults.error(
            400,
            "RepositoryNotFoundException",
            "The repository with name 'app' does not exist in the registry with id"
                + " '123456789012'"));

    try (Ecr4jClient ecr = client()) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "DescribeRepositories failed: The repository with name 'app' does not exist in the"
                  + " registry with id '123456789012' (RepositoryNotFoundException, HTTP 400,"
                  + " request id test-request)");
    }

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterHonoured() {
    server.enqueue(HttpFaults.throttling().setResponseCode(429).setHeader("Retry-After", "1"));
    server.enqueue(ok());

    long start = System.nanoTime();
    try (Ecr4jClient ecr = client()) {
      ecr.repositories().describe("app");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(events)
        .filteredOn(ResilienceEvent.RetryScheduled.class::isInstance)
        .map(e -> ((ResilienceEvent.RetryScheduled) e).delay())
        .containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void retryAfterCapped() {
    server.enqueue(HttpFaults.throttling().setResponseCode(429).setHeader("Retry-After", "3600"));
    server.enqueue(ok());

    try (Ecr4jClient ecr =
        client(
            fastRetries().maxRetryAfter(Duration.ofMillis(50)).build(),
            CircuitBreakerSettings.disabled())) {
      ecr.repositories().describe("app");
    }

    assertThat(events)
        .filteredOn(ResilienceEvent.RetryScheduled.class::isInstance)
        .map(e -> ((ResilienceEvent.RetryScheduled) e).delay())
        .containsExactly(Duration.ofMillis(50));
  }

  @Test
  void timeoutsRetriedThenExhausted() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(ok().setHeadersDelay(2, TimeUnit.SECONDS));
    }

    try (Ecr4jClient ecr = client()) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(3));
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void droppedConnectionRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(ok());

    try (Ecr4jClient ecr = client()) {
      assertThat(ecr.repositories().describe("app").name()).isEqualTo("app");
    }

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void malformedResponseRetried() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/x-amz-json-1.1")
              .setBody("<html>not JSON</html>"));
    }

    try (Ecr4jClient ecr = client()) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.lastFailure().getMessage())
                    .startsWith("DescribeRepositories failed before ECR responded: ");
              });
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void deadlineStopsRetries() {
    for (int i = 0; i < 10; i++) {
      server.enqueue(HttpFaults.serverError());
    }

    try (Ecr4jClient ecr =
        client(
            fastRetries()
                .maxAttempts(10)
                .maxServerFailureAttempts(10)
                .baseDelay(Duration.ofMillis(400))
                .maxBackoff(Duration.ofMillis(400))
                .deadline(Duration.ofMillis(600))
                .build(),
            CircuitBreakerSettings.disabled())) {
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOfSatisfying(
              RetriesExhaustedException.class,
              e -> {
                // Backoff is jittered between 0 and 400 ms, so the deadline allows a few attempts.
                assertThat(e.attempts()).isBetween(1, 9);
                assertThat(e.getMessage()).contains("because the deadline passed");
              });
    }

    assertThat(server.getRequestCount()).isLessThan(10);
  }

  @Test
  void breakerOpensOnServerErrors() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(HttpFaults.serverError());
    }
    CircuitBreakerSettings breaker =
        CircuitBreakerSettings.builder()
            .windowSize(2)
            .minimumCalls(2)
            .waitInOpenState(Duration.ofMinutes(1))
            .build();

    try (Ecr4jClient ecr = client(fastRetries().maxAttempts(1).build(), breaker)) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> ecr.repositories().describe("app"))
            .isInstanceOf(Ecr4jServiceException.class);
      }
      assertThatThrownBy(() -> ecr.repositories().describe("app"))
          .isInstanceOf(CircuitOpenException.class)
          .hasMessage(
              "DescribeRepositories was not sent because the circuit breaker for "
                  + endpoint()
                  + " is open after repeated server errors, throttling or connection failures;"
                  + " retry after the breaker's wait time");
    }

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(events)
        .contains(new ResilienceEvent.CircuitStateChanged(endpoint().toString(), "CLOSED", "OPEN"));
  }

  @Test
  void breakerIgnoresClientErrors() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(HttpFaults.error(400, "RepositoryNotFoundException", "missing"));
    }
    CircuitBreakerSettings breaker =
        CircuitBreakerSettings.builder().windowSize(2).minimumCalls(2).build();

    try (Ecr4jClient ecr = client(fastRetries().build(), breaker)) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> ecr.repositories().describe("app"))
            .isInstanceOf(NotFoundException.class);
      }
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
