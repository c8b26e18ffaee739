package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.core.retry.CircuitBreakerSettings;
import dev.ecr4j.core.retry.HttpFaults;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.core.retry.ResilienceEvent;
import dev.ecr4j.core.retry.RetrySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Checks the ECR Public client's wire format, error mapping and retries against MockWebServer,
 * which responds with ECR Public's documented JSON and with faults a real server will not produce.
 */
@Timeout(60)
class PublicClientMockTest {

  private static final String SECRET_KEY = "public-secret-key";

  private static final String REPOSITORY_JSON =
      "{\"repositoryName\":\"tools/cli\",\"registryId\":\"123456789012\","
          + "\"repositoryArn\":\"arn:aws:ecr-public::123456789012:repository/tools/cli\","
          + "\"repositoryUri\":\"public.ecr.aws/alias/tools/cli\",\"createdAt\":1700000000.5}";

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

  private Ecr4jPublicClient client(RetrySettings retry, CircuitBreakerSettings breaker) {
    return Ecr4jPublicClient.builder()
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPUBLIC", SECRET_KEY)))
        .endpointOverride(server.url("/").uri())
        .rateLimitSettings(RateLimitSettings.unlimited())
        .retrySettings(retry)
        .circuitBreakerSettings(breaker)
        .httpSettings(HttpSettings.builder().socketTimeout(Duration.ofMillis(500)).build())
        .listener(events::add)
        .build();
  }

  private Ecr4jPublicClient client() {
    return client(fastRetries().build(), CircuitBreakerSettings.disabled());
  }

  private static RetrySettings.Builder fastRetries() {
    return RetrySettings.builder()
        .baseDelay(Duration.ofMillis(1))
        .throttlingBaseDelay(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5))
        .deadline(Duration.ofSeconds(20));
  }

  private static MockResponse json(String body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/x-amz-json-1.1")
        .setHeader("x-amzn-RequestId", "ok-request")
        .setBody(body);
  }

  private static MockResponse describeOk() {
    return json("{\"repositories\":[" + REPOSITORY_JSON + "]}");
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Nested
  class WireFormat {

    @Test
    void request_signed_for_us_east_1() throws InterruptedException {
      server.enqueue(describeOk());

      try (Ecr4jPublicClient gallery = client()) {
        gallery.repositories().describe("tools/cli");
      }

      RecordedRequest request = take();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getPath()).isEqualTo("/");
      assertThat(request.getHeader("X-Amz-Target"))
          .isEqualTo("SpencerFrontendService.DescribeRepositories");
      assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
      String authorization = request.getHeader("Authorization");
      assertThat(authorization)
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDPUBLIC/")
          .contains("/us-east-1/ecr-public/aws4_request, SignedHeaders=")
          .contains("x-amz-target")
          .contains("content-type")
          .contains("host")
          .doesNotContain(SECRET_KEY);
      assertThat(request.getHeader("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
      assertThat(request.getBody().readUtf8()).isEqualTo("{\"repositoryNames\":[\"tools/cli\"]}");
    }

    @Test
    void every_attempt_is_signed_again() throws InterruptedException {
      server.enqueue(HttpFaults.throttling());
      server.enqueue(describeOk());

      try (Ecr4jPublicClient gallery = client()) {
        gallery.repositories().describe("tools/cli");
      }

      assertThat(take().getHeader("Authorization")).contains("/ecr-public/aws4_request");
      assertThat(take().getHeader("Authorization")).contains("/ecr-public/aws4_request");
    }

    @Test
    void repository_is_read_with_fractional_timestamp() {
      server.enqueue(describeOk());

      PublicRepository repository;
      try (Ecr4jPublicClient gallery = client()) {
        repository = gallery.repositories().describe("tools/cli");
      }

      assertThat(repository)
          .isEqualTo(
              new PublicRepository(
                  "tools/cli",
                  "arn:aws:ecr-public::123456789012:repository/tools/cli",
                  "123456789012",
                  "public.ecr.aws/alias/tools/cli",
                  Instant.ofEpochSecond(1_700_000_000L, 500_000_000)));
    }

    @Test
    void create_sends_catalog_data_and_tags() throws InterruptedException {
      server.enqueue(
          json(
              "{\"repository\":"
                  + REPOSITORY_JSON
                  + ",\"catalogData\":{\"description\":\"A CLI\",\"architectures\":[\"ARM 64\"],"
                  + "\"logoUrl\":\"https://example.invalid/logo.png\"}}"));
      PublicCatalogDataInput catalog =
          PublicCatalogDataInput.builder()
              .description("A CLI")
              .architectures("ARM 64")
              .operatingSystems("Linux")
              .logoImage(new byte[] {1, 2, 3})
              .build();

      PublicRepositoryCreation creation;
      try (Ecr4jPublicClient gallery = client()) {
        creation = gallery.repositories().create("tools/cli", catalog, Map.of("team", "core"));
      }

      assertThat(creation.created()).isTrue();
      assertThat(creation.catalogData().description()).isEqualTo("A CLI");
      assertThat(creation.catalogData().architectures()).containsExactly("ARM 64");
      assertThat(creation.catalogData().logoUrl()).contains("https://example.invalid/logo.png");
      assertThat(take().getBody().readUtf8())
          .isEqualTo(
              "{\"repositoryName\":\"tools/cli\",\"catalogData\":{\"description\":\"A CLI\","
                  + "\"architectures\":[\"ARM 64\"],\"operatingSystems\":[\"Linux\"],"
                  + "\"logoImageBlob\":\"AQID\"},\"tags\":[{\"Key\":\"team\",\"Value\":\"core\"}]}");
    }

    @Test
    void list_follows_next_token_with_page_size() throws InterruptedException {
      server.enqueue(json("{\"repositories\":[" + REPOSITORY_JSON + "],\"nextToken\":\"page2\"}"));
      server.enqueue(json("{\"repositories\":[" + REPOSITORY_JSON + "]}"));

      List<PublicRepository> repositories;
      try (Ecr4jPublicClient gallery = client()) {
        repositories = gallery.repositories().list(1).toList();
      }

      assertThat(repositories).hasSize(2);
      assertThat(take().getBody().readUtf8()).isEqualTo("{\"maxResults\":1}");
      assertThat(take().getBody().readUtf8())
          .isEqualTo("{\"maxResults\":1,\"nextToken\":\"page2\"}");
    }

    @Test
    void authorization_token_is_cached_and_redacted() {
      String encoded =
          Base64.getEncoder()
              .encodeToString("AWS:very-secret-password".getBytes(StandardCharsets.UTF_8));
      long expiresAt = Instant.now().plus(Duration.ofHours(12)).getEpochSecond();
      server.enqueue(
          json(
              "{\"authorizationData\":{\"authorizationToken\":\""
                  + encoded
                  + "\",\"expiresAt\":"
                  + expiresAt
                  + "}}"));

      AuthorizationToken first;
      AuthorizationToken second;
      try (Ecr4jPublicClient gallery = client()) {
        first = gallery.authorizationToken();
        second = gallery.authorizationToken();
      }

      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(second).isSameAs(first);
      assertThat(first.username()).isEqualTo("AWS");
      assertThat(first.password()).isEqualTo("very-secret-password");
      assertThat(first.proxyEndpoint()).isEqualTo("https://public.ecr.aws");
      assertThat(first.expiresAt()).isEqualTo(Instant.ofEpochSecond(expiresAt));
      assertThat(first.toString()).doesNotContain("very-secret-password").doesNotContain(encoded);
    }
  }

  @Nested
  class ErrorMapping {

    @Test
    void repository_not_found_maps_to_not_found() {
      server.enqueue(
          HttpFaults.error(
              400,
              "RepositoryNotFoundException",
              "The repository with name 'tools/cli' does not exist in the registry with id"
                  + " '123456789012'"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                NotFoundException.class,
                e -> {
                  assertThat(e.awsErrorCode()).contains("RepositoryNotFoundException");
                  assertThat(e.statusCode()).isEqualTo(400);
                  assertThat(e.requestId()).contains("test-request");
                  assertThat(e.operation()).isEqualTo("DescribeRepositories");
                })
            .hasMessage(
                "DescribeRepositories failed: The repository with name 'tools/cli' does not exist"
                    + " in the registry with id '123456789012' (RepositoryNotFoundException, HTTP"
                    + " 400, request id test-request)");
      }
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void namespaced_type_and_capital_message_are_read() {
      server.enqueue(
          new MockResponse()
              .setResponseCode(400)
              .setHeader("x-amzn-RequestId", "req-7")
              .setBody(
                  "{\"__type\":\"com.amazonaws.ecr.public#InvalidParameterException\","
                      + "\"Message\":\"Invalid parameter at 'maxResults'\"}"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                InvalidRequestException.class,
                e -> assertThat(e.awsErrorCode()).contains("InvalidParameterException"))
            .hasMessage(
                "DescribeRepositories failed: Invalid parameter at 'maxResults'"
                    + " (InvalidParameterException, HTTP 400, request id req-7)");
      }
    }

    @Test
    void error_type_header_is_used_without_body() {
      server.enqueue(
          new MockResponse()
              .setResponseCode(400)
              .setHeader("x-amzn-ErrorType", "RepositoryNotFoundException:http://internal/")
              .setBody(""));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                NotFoundException.class,
                e -> assertThat(e.awsErrorCode()).contains("RepositoryNotFoundException"));
      }
    }

    @Test
    void create_of_existing_repository_returns_it() {
      server.enqueue(
          HttpFaults.error(400, "RepositoryAlreadyExistsException", "The repository exists"));
      server.enqueue(describeOk());
      server.enqueue(json("{\"catalogData\":{\"description\":\"stored\"}}"));

      PublicRepositoryCreation creation;
      try (Ecr4jPublicClient gallery = client()) {
        creation = gallery.repositories().create("tools/cli");
      }

      assertThat(creation.created()).isFalse();
      assertThat(creation.repository().name()).isEqualTo("tools/cli");
      assertThat(creation.catalogData().description()).isEqualTo("stored");
    }

    @Test
    void missing_policy_is_empty() {
      server.enqueue(
          HttpFaults.error(400, "RepositoryPolicyNotFoundException", "no policy for tools/cli"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThat(gallery.policies().repositoryPolicyText("tools/cli")).isEmpty();
      }
    }

    @Test
    void access_denied_maps_to_authentication() {
      server.enqueue(HttpFaults.error(403, "AccessDeniedException", "not authorized"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.registries().displayName())
            .isInstanceOf(AuthenticationException.class);
      }
    }

    @Test
    void other_codes_keep_code_status_and_request_id() {
      server.enqueue(HttpFaults.error(400, "RepositoryNotEmptyException", "has images"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().delete("tools/cli", false))
            .isExactlyInstanceOf(Ecr4jServiceException.class)
            .satisfies(
                e -> {
                  Ecr4jServiceException service = (Ecr4jServiceException) e;
                  assertThat(service.awsErrorCode()).contains("RepositoryNotEmptyException");
                  assertThat(service.statusCode()).isEqualTo(400);
                  assertThat(service.requestId()).contains("test-request");
                });
      }
    }
  }

  @Nested
  class Retries {

    @Test
    void throttling_retried_then_succeeds() {
      server.enqueue(HttpFaults.throttling());
      server.enqueue(HttpFaults.throttling());
      server.enqueue(describeOk());

      try (Ecr4jPublicClient gallery = client()) {
        assertThat(gallery.repositories().describe("tools/cli").name()).isEqualTo("tools/cli");
      }

      assertThat(server.getRequestCount()).isEqualTo(3);
      assertThat(events)
          .filteredOn(ResilienceEvent.RetryScheduled.class::isInstance)
          .map(e -> (ResilienceEvent.RetryScheduled) e)
          .extracting(ResilienceEvent.RetryScheduled::failedAttempt)
          .containsExactly(1, 2);
    }

    @Test
    void throttling_stops_at_max_attempts() {
      for (int i = 0; i < 9; i++) {
        server.enqueue(HttpFaults.throttling());
      }

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                RetriesExhaustedException.class,
                e -> {
                  assertThat(e.attempts()).isEqualTo(8);
                  assertThat(e.lastFailure()).isInstanceOf(ThrottledException.class);
                });
      }

      assertThat(server.getRequestCount()).isEqualTo(8);
    }

    @Test
    void server_errors_stop_at_server_failure_budget() {
      for (int i = 0; i < 5; i++) {
        server.enqueue(HttpFaults.serverError());
      }

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                RetriesExhaustedException.class,
                e -> {
                  assertThat(e.attempts()).isEqualTo(3);
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
    void server_failure_shrinks_throttling_budget() {
      server.enqueue(HttpFaults.throttling());
      server.enqueue(HttpFaults.serverError());
      for (int i = 0; i < 5; i++) {
        server.enqueue(HttpFaults.throttling());
      }

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(3));
      }

      assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void no_retries_means_one_attempt() {
      server.enqueue(HttpFaults.throttling());

      try (Ecr4jPublicClient gallery =
          client(fastRetries().maxAttempts(1).build(), CircuitBreakerSettings.disabled())) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOf(ThrottledException.class)
            .hasMessageStartingWith(
                "DescribeRepositories failed: Rate exceeded (ThrottlingException, HTTP 400");
      }

      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void client_error_not_retried() {
      server.enqueue(HttpFaults.error(400, "InvalidParameterException", "bad"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOf(InvalidRequestException.class);
      }

      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retry_after_honoured() {
      server.enqueue(HttpFaults.throttling().setResponseCode(429).setHeader("Retry-After", "1"));
      server.enqueue(describeOk());

      long start = System.nanoTime();
      try (Ecr4jPublicClient gallery = client()) {
        gallery.repositories().describe("tools/cli");
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
    void retry_after_capped() {
      server.enqueue(HttpFaults.throttling().setResponseCode(429).setHeader("Retry-After", "3600"));
      server.enqueue(describeOk());

      try (Ecr4jPublicClient gallery =
          client(
              fastRetries().maxRetryAfter(Duration.ofMillis(50)).build(),
              CircuitBreakerSettings.disabled())) {
        gallery.repositories().describe("tools/cli");
      }

      assertThat(events)
          .filteredOn(ResilienceEvent.RetryScheduled.class::isInstance)
          .map(e -> ((ResilienceEvent.RetryScheduled) e).delay())
          .containsExactly(Duration.ofMillis(50));
    }

    @Test
    void timeouts_retried_then_exhausted() {
      for (int i = 0; i < 3; i++) {
        server.enqueue(describeOk().setHeadersDelay(2, TimeUnit.SECONDS));
      }

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(3));
      }

      assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void dropped_connection_retried() {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
      server.enqueue(describeOk());

      try (Ecr4jPublicClient gallery = client()) {
        assertThat(gallery.repositories().describe("tools/cli").name()).isEqualTo("tools/cli");
      }

      assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void malformed_response_retried() {
      for (int i = 0; i < 3; i++) {
        server.enqueue(json("<html>not JSON</html>"));
      }

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
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
    void deadline_stops_retries() {
      for (int i = 0; i < 10; i++) {
        server.enqueue(HttpFaults.serverError());
      }

      try (Ecr4jPublicClient gallery =
          client(
              fastRetries()
                  .maxAttempts(10)
                  .maxServerFailureAttempts(10)
                  .baseDelay(Duration.ofMillis(400))
                  .maxBackoff(Duration.ofMillis(400))
                  .deadline(Duration.ofMillis(600))
                  .build(),
              CircuitBreakerSettings.disabled())) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                RetriesExhaustedException.class,
                e -> {
                  assertThat(e.attempts()).isBetween(1, 9);
                  assertThat(e.getMessage()).contains("because the deadline passed");
                  // The last failure is a 500, or the attempt that the deadline aborted.
                  assertThat(e.lastFailure()).isInstanceOf(Ecr4jException.class);
                });
      }

      assertThat(server.getRequestCount()).isLessThan(10);
    }

    @Test
    void deadline_aborts_slow_attempt() {
      server.enqueue(describeOk().setHeadersDelay(3, TimeUnit.SECONDS));

      long start = System.nanoTime();
      try (Ecr4jPublicClient gallery =
          client(fastRetries().deadline(Duration.ofMillis(300)).build(), breakerOff())) {
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOfSatisfying(
                RetriesExhaustedException.class,
                e -> assertThat(e.getMessage()).contains("because the deadline passed"));
      }

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void breaker_opens_on_server_errors() {
      for (int i = 0; i < 2; i++) {
        server.enqueue(HttpFaults.serverError());
      }
      CircuitBreakerSettings breaker =
          CircuitBreakerSettings.builder()
              .windowSize(2)
              .minimumCalls(2)
              .waitInOpenState(Duration.ofMinutes(1))
              .build();

      try (Ecr4jPublicClient gallery = client(fastRetries().maxAttempts(1).build(), breaker)) {
        for (int i = 0; i < 2; i++) {
          assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
              .isInstanceOf(Ecr4jServiceException.class);
        }
        assertThatThrownBy(() -> gallery.repositories().describe("tools/cli"))
            .isInstanceOf(CircuitOpenException.class);
      }

      assertThat(server.getRequestCount()).isEqualTo(2);
    }

    private CircuitBreakerSettings breakerOff() {
      return CircuitBreakerSettings.disabled();
    }
  }

  @Nested
  class ImageOperations {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static final String DIGEST_A =
        "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String DIGEST_B =
        "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static final String DETAIL_A =
        "{\"registryId\":\"123456789012\",\"repositoryName\":\"tools/cli\",\"imageDigest\":\""
            + DIGEST_A
            + "\",\"imageTags\":[\"v1\",\"latest\"],\"imageSizeInBytes\":1234,"
            + "\"imagePushedAt\":1700000000.25,"
            + "\"imageManifestMediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactMediaType\":\"application/vnd.example.sbom\"}";

    private static final String DETAIL_B =
        "{\"registryId\":\"123456789012\",\"repositoryName\":\"tools/cli\",\"imageDigest\":\""
            + DIGEST_B
            + "\",\"imageSizeInBytes\":10,\"imagePushedAt\":1700000001}";

    @Test
    void list_sends_page_size_and_follows_token() throws InterruptedException {
      server.enqueue(json("{\"imageDetails\":[" + DETAIL_A + "],\"nextToken\":\"page2\"}"));
      server.enqueue(json("{\"imageDetails\":[" + DETAIL_B + "]}"));

      List<PublicImage> images;
      try (Ecr4jPublicClient gallery = client()) {
        images = gallery.images().list("tools/cli", 1).toList();
      }

      RecordedRequest first = take();
      assertThat(first.getHeader("X-Amz-Target"))
          .isEqualTo("SpencerFrontendService.DescribeImages");
      assertThat(first.getBody().readUtf8())
          .isEqualTo("{\"repositoryName\":\"tools/cli\",\"maxResults\":1}");
      assertThat(take().getBody().readUtf8())
          .isEqualTo("{\"repositoryName\":\"tools/cli\",\"maxResults\":1,\"nextToken\":\"page2\"}");
      assertThat(images)
          .containsExactly(
              new PublicImage(
                  "tools/cli",
                  DIGEST_A,
                  List.of("v1", "latest"),
                  1234,
                  Instant.ofEpochSecond(1_700_000_000, 250_000_000),
                  "application/vnd.oci.image.manifest.v1+json",
                  "application/vnd.example.sbom"),
              new PublicImage(
                  "tools/cli",
                  DIGEST_B,
                  List.of(),
                  10,
                  Instant.ofEpochSecond(1_700_000_001),
                  null,
                  null));
    }

    @Test
    void list_defaults_to_pages_of_1000() throws InterruptedException {
      server.enqueue(json("{\"imageDetails\":[]}"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThat(gallery.images().list("tools/cli")).isEmpty();
      }

      assertThat(take().getBody().readUtf8())
          .isEqualTo("{\"repositoryName\":\"tools/cli\",\"maxResults\":1000}");
    }

    @Test
    void tags_read_image_tag_details() throws InterruptedException {
      server.enqueue(
          json(
              "{\"imageTagDetails\":[{\"imageTag\":\"v1\",\"createdAt\":1700000002.5,"
                  + "\"imageDetail\":{\"imageDigest\":\""
                  + DIGEST_A
                  + "\",\"imageSizeInBytes\":1234,\"imagePushedAt\":1700000000,"
                  + "\"imageManifestMediaType\":\"application/vnd.oci.image.manifest.v1+json\"}}],"
                  + "\"nextToken\":\"t2\"}"));
      server.enqueue(json("{\"imageTagDetails\":[]}"));

      List<PublicImageTag> tags;
      try (Ecr4jPublicClient gallery = client()) {
        tags = gallery.images().tags("tools/cli", 5).toList();
      }

      RecordedRequest first = take();
      assertThat(first.getHeader("X-Amz-Target"))
          .isEqualTo("SpencerFrontendService.DescribeImageTags");
      assertThat(first.getBody().readUtf8())
          .isEqualTo("{\"repositoryName\":\"tools/cli\",\"maxResults\":5}");
      assertThat(take().getBody().readUtf8())
          .isEqualTo("{\"repositoryName\":\"tools/cli\",\"maxResults\":5,\"nextToken\":\"t2\"}");
      assertThat(tags)
          .containsExactly(
              new PublicImageTag(
                  "v1",
                  Instant.ofEpochSecond(1_700_000_002, 500_000_000),
                  DIGEST_A,
                  1234,
                  Instant.ofEpochSecond(1_700_000_000),
                  "application/vnd.oci.image.manifest.v1+json",
                  null));
      assertThat(tags.get(0).id()).isEqualTo(new ImageId(DIGEST_A, "v1"));
    }

    @Test
    void delete_sends_ids_and_reads_failures() throws InterruptedException {
      server.enqueue(
          json(
              "{\"imageIds\":[{\"imageDigest\":\""
                  + DIGEST_A
                  + "\",\"imageTag\":\"v1\"}],\"failures\":[{\"imageId\":{\"imageDigest\":\""
                  + DIGEST_B
                  + "\"},\"failureCode\":\"ImageNotFound\","
                  + "\"failureReason\":\"Requested image not found\"}]}"));

      BatchResult<ImageId> result;
      try (Ecr4jPublicClient gallery = client()) {
        result =
            gallery
                .images()
                .delete("tools/cli", List.of(ImageId.tag("v1"), ImageId.digest(DIGEST_B)));
      }

      RecordedRequest request = take();
      assertThat(request.getHeader("X-Amz-Target"))
          .isEqualTo("SpencerFrontendService.BatchDeleteImage");
      assertThat(request.getBody().readUtf8())
          .isEqualTo(
              "{\"repositoryName\":\"tools/cli\",\"imageIds\":[{\"imageTag\":\"v1\"},"
                  + "{\"imageDigest\":\""
                  + DIGEST_B
                  + "\"}]}");
      assertThat(result.succeeded()).containsExactly(new ImageId(DIGEST_A, "v1"));
      assertThat(result.failures())
          .containsExactly(
              new ImageFailure(
                  ImageId.digest(DIGEST_B), "ImageNotFound", "Requested image not found"));
      assertThat(result.allSucceeded()).isFalse();
    }

    @Test
    void delete_splits_ids_into_calls_of_100() throws InterruptedException {
      List<ImageId> ids = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        ids.add(ImageId.tag("t" + i));
      }
      for (int call = 0; call < 3; call++) {
        server.enqueue(json("{\"imageIds\":[],\"failures\":[]}"));
      }

      try (Ecr4jPublicClient gallery = client()) {
        assertThat(gallery.images().delete("tools/cli", ids).allSucceeded()).isTrue();
      }

      assertThat(server.getRequestCount()).isEqualTo(3);
      assertThat(countIds(take())).isEqualTo(100);
      assertThat(countIds(take())).isEqualTo(100);
      String last = take().getBody().readUtf8();
      assertThat(last.split("imageTag", -1)).hasSize(51);
      assertThat(last).contains("{\"imageTag\":\"t200\"}").endsWith("{\"imageTag\":\"t249\"}]}");
    }

    private int countIds(RecordedRequest request) {
      return request.getBody().readUtf8().split("imageTag", -1).length - 1;
    }

    @Test
    void delete_of_no_ids_sends_nothing() {
      try (Ecr4jPublicClient gallery = client()) {
        BatchResult<ImageId> result = gallery.images().delete("tools/cli", List.of());

        assertThat(result.succeeded()).isEmpty();
        assertThat(result.failures()).isEmpty();
      }
      assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void put_sends_manifest_media_type_and_tag() throws InterruptedException {
      server.enqueue(
          json(
              "{\"image\":{\"registryId\":\"123456789012\",\"repositoryName\":\"tools/cli\","
                  + "\"imageId\":{\"imageDigest\":\""
                  + DIGEST_A
                  + "\",\"imageTag\":\"v1\"},\"imageManifest\":\"{}\"}}"));

      ImageId id;
      try (Ecr4jPublicClient gallery = client()) {
        id = gallery.images().put("tools/cli", "{\"schemaVersion\":2}", OCI_MANIFEST, "v1");
      }

      RecordedRequest request = take();
      assertThat(request.getHeader("X-Amz-Target")).isEqualTo("SpencerFrontendService.PutImage");
      assertThat(request.getBody().readUtf8())
          .isEqualTo(
              "{\"repositoryName\":\"tools/cli\",\"imageManifest\":\"{\\\"schemaVersion\\\":2}\","
                  + "\"imageManifestMediaType\":\""
                  + OCI_MANIFEST
                  + "\",\"imageTag\":\"v1\"}");
      assertThat(id).isEqualTo(new ImageId(DIGEST_A, "v1"));
    }

    @Test
    void put_of_existing_image_returns_its_digest() {
      server.enqueue(
          HttpFaults.error(400, "ImageAlreadyExistsException", "Image with digest already exists"));

      ImageId id;
      try (Ecr4jPublicClient gallery = client()) {
        id = gallery.images().put("tools/cli", "{}", null, "v1");
      }

      // The SHA-256 of the two bytes "{}".
      assertThat(id)
          .isEqualTo(
              new ImageId(
                  "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "v1"));
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void image_not_found_maps_to_not_found() {
      server.enqueue(
          HttpFaults.error(
              400,
              "RepositoryNotFoundException",
              "The repository with name 'tools/cli' does not exist in the registry with id"
                  + " '123456789012'"));

      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.images().tags("tools/cli").toList())
            .isInstanceOfSatisfying(
                NotFoundException.class,
                e -> {
                  assertThat(e.awsErrorCode()).contains("RepositoryNotFoundException");
                  assertThat(e.operation()).isEqualTo("DescribeImageTags");
                });
      }
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void invalid_input_is_not_sent() {
      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.images().list("Bad Name"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Invalid ECR Public repository name 'Bad Name'");
        assertThatThrownBy(() -> gallery.images().tags("tools/cli", 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Invalid page size 0");
        assertThatThrownBy(() -> gallery.images().list("tools/cli", 1001))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Invalid page size 1001");
        assertThatThrownBy(() -> gallery.images().put("tools/cli", "", null, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "Invalid image manifest: it has 0 characters, but ECR Public allows 1 to 4194304;"
                    + " send a non-empty manifest of at most 4194304 characters");
        assertThatThrownBy(() -> gallery.images().put("tools/cli", "{}", null, "t".repeat(301)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("image tag must be 1 to 300 characters, but has 301");
        List<ImageId> withNull = new ArrayList<>();
        withNull.add(ImageId.tag("v1"));
        withNull.add(null);
        assertThatThrownBy(() -> gallery.images().delete("tools/cli", withNull))
            .isInstanceOf(NullPointerException.class)
            .hasMessage("ids[1]");
      }

      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Nested
  class ClientSideValidation {

    @Test
    void invalid_repository_name_is_not_sent() {
      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().describe("Bad Name"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(
                "Invalid ECR Public repository name 'Bad Name': it must be lowercase letters and"
                    + " digits");
        assertThatThrownBy(() -> gallery.repositories().describe("a".repeat(206)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith(
                "it has 206 characters, but ECR Public allows 2 to 205; use a name of 2 to 205"
                    + " characters");
      }

      assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void page_size_outside_range_is_rejected() {
      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().list(1001))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "Invalid page size 1001: ECR Public's maxResults must be from 1 to 1000; use 1000"
                    + " to read the fewest pages");
        assertThatThrownBy(() -> gallery.registries().describe(0))
            .isInstanceOf(IllegalArgumentException.class);
      }

      assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void display_name_over_100_characters_is_rejected() {
      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.registries().putDisplayName("n".repeat(101)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith(
                "it has 101 characters, but ECR Public allows at most 100; shorten it");
      }

      assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void tag_limits_are_checked() {
      try (Ecr4jPublicClient gallery = client()) {
        assertThatThrownBy(() -> gallery.repositories().tag("tools/cli", Map.of("", "v")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "Invalid tag key '': it has 0 characters, but ECR Public allows 1 to 128; use a"
                    + " non-empty key of at most 128 characters");
        assertThatThrownBy(
                () -> gallery.repositories().tag("tools/cli", Map.of("k", "v".repeat(257))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "Invalid value of tag 'k': it has 257 characters, but ECR Public allows at most"
                    + " 256; shorten the value");
      }

      assertThat(server.getRequestCount()).isZero();
    }
  }
}
