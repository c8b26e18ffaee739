package dev.ecr4j.testkit.emulator;

import static dev.ecr4j.testkit.emulator.RegistryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

/** Faults injected through the Java API and the admin API, on both the control plane and /v2/. */
class FaultInjectionTest {

  private EcrEmulator emulator;
  private EcrClient ecr;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
    http = new RegistryHttp(emulator, ecr);
  }

  @AfterEach
  void stop() {
    ecr.close();
    emulator.close();
  }

  @Test
  void throttlingHitsNamedOperationTimes() {
    emulator.injectFault(Fault.throttling().onOperation("DescribeRepositories").times(2));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> ecr.describeRepositories())
          .isInstanceOf(EcrException.class)
          .satisfies(
              e -> {
                EcrException error = (EcrException) e;
                assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                assertThat(error.statusCode()).isEqualTo(400);
              });
    }
    assertThat(ecr.describeRepositories().repositories()).isEmpty();
    assertThat(ecr.getAuthorizationToken().authorizationData()).hasSize(1);
  }

  @Test
  void seededFractionRepeats() {
    List<Boolean> first = pattern(42);
    List<Boolean> second = pattern(42);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains(true, false);
  }

  private List<Boolean> pattern(long seed) {
    emulator.clearFaults();
    emulator.injectFault(
        Fault.serverError(503).onOperation("DescribeRepositories").fraction(0.5, seed));
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      try {
        ecr.describeRepositories();
        failed.add(false);
      } catch (EcrException e) {
        assertThat(e.statusCode()).isEqualTo(503);
        failed.add(true);
      }
    }
    return failed;
  }

  @Test
  void registryPathFaults() throws Exception {
    emulator.injectFault(Fault.throttling().onRegistryPath("/tags/list").times(1));
    emulator.injectFault(Fault.expiredToken().onRegistryPath("/_catalog").times(1));
    emulator.injectFault(Fault.serverError(502).onRegistryPath("^/v2/$").times(1));

    HttpResponse<byte[]> throttled = http.get("/v2/000000000000/us-east-1/app/tags/list");
    HttpResponse<byte[]> expired = http.get("/v2/_catalog");
    HttpResponse<byte[]> broken = http.get("/v2/");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(text(throttled))
        .isEqualTo("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"Rate exceeded\"}]}");
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(text(expired)).contains("Your authorization token has expired");
    assertThat(broken.statusCode()).isEqualTo(502);
    assertThat(http.get("/v2/").statusCode()).isEqualTo(200);
  }

  @Test
  void droppedConnectionReachesClient() {
    emulator.injectFault(Fault.droppedConnection().onOperation("DescribeRepositories").times(1));

    assertThatThrownBy(() -> ecr.describeRepositories()).isInstanceOf(SdkClientException.class);
    assertThat(ecr.describeRepositories().repositories()).isEmpty();
  }

  @Test
  void droppedRegistryConnection() throws Exception {
    // Every matching request: the JDK client retries a GET once on a closed connection.
    emulator.injectFault(Fault.droppedConnection().onRegistryPath("^/v2/$"));

    assertThatThrownBy(() -> http.get("/v2/")).isInstanceOf(IOException.class);
    emulator.clearFaults();
    assertThat(assertDoesNotThrowGet()).isEqualTo(200);
  }

  private int assertDoesNotThrowGet() throws Exception {
    return http.get("/v2/").statusCode();
  }

  @Test
  void latencyDelaysAnswer() {
    emulator.injectFault(
        Fault.latency(Duration.ofMillis(300)).onOperation("DescribeRepositories").times(1));

    long start = System.nanoTime();
    ecr.describeRepositories();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void invalidFaultsAreRejected() {
    assertThatThrownBy(() -> Fault.serverError(404))
        .hasMessage("Invalid status 404 for a server error: expected 500 to 599.");
    assertThatThrownBy(() -> Fault.throttling().times(0))
        .hasMessage("Invalid count 0: a fault applies to at least one request.");
    assertThatThrownBy(() -> Fault.throttling().fraction(1.5, 1))
        .hasMessage("Invalid fraction 1.5: expected a number above 0 and at most 1.");
    assertThatThrownBy(() -> Fault.throttling().onOperation("put image"))
        .hasMessageContaining("Invalid operation 'put image'");
    assertThatThrownBy(() -> emulator.injectFault(Fault.throttling().onRegistryPath("(")))
        .hasMessageStartingWith("Invalid path pattern '('");
    assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(-1)))
        .hasMessageStartingWith("Invalid latency");
  }

  @Test
  void adminApiControlsEmulator() throws Exception {
    HttpResponse<byte[]> clock = http.get("/_ecr4j/clock");
    assertThat(text(clock)).startsWith("{\"now\":\"");

    HttpResponse<byte[]> advanced =
        http.send("POST", "/_ecr4j/clock/advance?by=PT25H", new byte[0]);
    assertThat(advanced.statusCode()).isEqualTo(200);
    assertThat(text(advanced)).contains("\"lifecycleRun\"");
    assertThat(emulator.now()).isAfter(java.time.Instant.now().plus(Duration.ofHours(24)));

    HttpResponse<byte[]> fault =
        http.send(
            "POST",
            "/_ecr4j/faults",
            "{\"kind\":\"THROTTLING\",\"operation\":\"DescribeRepositories\",\"times\":1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(fault.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> ecr.describeRepositories()).isInstanceOf(EcrException.class);
    assertThat(ecr.describeRepositories().repositories()).isEmpty();

    http.send(
        "POST",
        "/_ecr4j/faults",
        "{\"kind\":\"SERVER_ERROR\",\"status\":500}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(http.send("DELETE", "/_ecr4j/faults", new byte[0]).statusCode()).isEqualTo(200);

    ecr.createRepository(r -> r.repositoryName("gone"));
    HttpResponse<byte[]> run = http.send("POST", "/_ecr4j/lifecycle/run", new byte[0]);
    assertThat(text(run)).contains("\"expired\":[]");
    assertThat(http.send("POST", "/_ecr4j/reset", new byte[0]).statusCode()).isEqualTo(200);
    assertThat(ecr.describeRepositories().repositories()).isEmpty();
  }

  @Test
  void adminApiRejectsBadInput() throws Exception {
    String[][] cases = {
      {"POST", "/_ecr4j/clock/advance?by=tomorrow", "", "Invalid duration 'tomorrow'"},
      {"POST", "/_ecr4j/clock/advance?by=-PT1H", "", "only moves forward"},
      {"POST", "/_ecr4j/clock/advance", "", "Missing duration"},
      {"POST", "/_ecr4j/faults", "{\"kind\":\"BOOM\"}", "Invalid kind 'BOOM'"},
      {"POST", "/_ecr4j/faults", "[]", "must be a JSON object"},
      {
        "POST", "/_ecr4j/faults", "{\"kind\":\"SERVER_ERROR\",\"status\":200}", "Invalid status 200"
      },
      {
        "POST", "/_ecr4j/faults", "{\"kind\":\"THROTTLING\",\"fraction\":2}", "Invalid fraction 2.0"
      },
      {
        "POST",
        "/_ecr4j/faults",
        "{\"kind\":\"THROTTLING\",\"opration\":\"PutImage\"}",
        "Unknown fault member 'opration': expected kind, operation, path, times"
      },
      {
        "POST",
        "/_ecr4j/faults",
        "{\"kind\":\"THROTTLING\",\"times\":\"3\"}",
        "Invalid times \\\"3\\\": expected an integer"
      },
      {"POST", "/_ecr4j/faults", "{\"kind\":\"THROTTLING\",\"times\":1.5}", "Invalid times 1.5"},
      {
        "POST",
        "/_ecr4j/faults",
        "{\"kind\":\"LATENCY\",\"latencyMillis\":null}",
        "Invalid latencyMillis"
      },
      {
        "POST",
        "/_ecr4j/faults",
        "{\"kind\":\"LATENCY\",\"pad\":\"" + "x".repeat(70_000) + "\"}",
        "The admin request body is larger than 65536 bytes"
      },
      {"GET", "/_ecr4j/unknown", "", "Unknown admin request GET /_ecr4j/unknown"},
      {"GET", "/_ecr4j/layers/sha256:00?signature=x", "", "download URL is invalid"},
    };
    for (String[] bad : cases) {
      HttpResponse<byte[]> response =
          http.send(bad[0], bad[1], bad[2].getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as(bad[1]).isIn(400, 403);
      assertThat(text(response)).as(bad[1]).contains(bad[3]);
    }
  }
}
