package dev.ecr4j.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.InvalidRequestException;
import dev.ecr4j.core.NotFoundException;
import dev.ecr4j.core.retry.HttpFaults;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Retries a policy that names a principal IAM has not propagated yet. No emulator rejects a
 * principal for not existing yet, so MockWebServer sends ECR's error.
 */
@Timeout(30)
class PrincipalRetryTest {

  private static final String PRINCIPAL_NOT_FOUND =
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Principal not found'";

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();
  private Ecr4jClient ecr;
  private Plan plan;

  @BeforeEach
  void start() throws IOException {
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    ecr =
        Ecr4jClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .region(Region.US_EAST_1)
            .endpointOverride(server.url("/").uri())
            .rateLimitSettings(RateLimitSettings.unlimited())
            .build();
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("app")).repositoryPolicy = LiveDocument.none();
    RepositoryPolicy policy =
        RepositoryPolicy.builder()
            .statement(PolicyPresets.ciPush("arn:aws:iam::123456789012:role/new-ci"))
            .build();
    plan =
        Planner.plan(
            RegistrySpec.builder()
                .repository("app", repository -> repository.repositoryPolicy(policy))
                .build(),
            live);
  }

  @AfterEach
  void stop() throws IOException {
    ecr.close();
    server.shutdown();
  }

  private ApplyOptions options(int attempts) {
    return ApplyOptions.builder()
        .principalPropagationRetry(attempts, Duration.ofSeconds(2), Duration.ofSeconds(5))
        .sleeper(sleeps::add)
        .build();
  }

  @Test
  void retriedUntilPropagated() {
    server.enqueue(HttpFaults.error(400, "InvalidParameterException", PRINCIPAL_NOT_FOUND));
    server.enqueue(HttpFaults.error(400, "InvalidParameterException", PRINCIPAL_NOT_FOUND));
    server.enqueue(HttpFaults.error(400, "InvalidParameterException", PRINCIPAL_NOT_FOUND));
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/x-amz-json-1.1")
            .setBody("{\"registryId\":\"123456789012\",\"repositoryName\":\"app\"}"));

    ApplyResult result = StateEngine.of(ecr).apply(plan, options(6));

    assertThat(result.applied()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
  }

  @Test
  void attemptsAreBounded() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(HttpFaults.error(400, "InvalidParameterException", PRINCIPAL_NOT_FOUND));
    }

    assertThatThrownBy(() -> StateEngine.of(ecr).apply(plan, options(3)))
        .isInstanceOf(ApplyFailedException.class)
        .hasCauseInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Principal not found");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void otherErrorsAreNotRetried() {
    server.enqueue(
        HttpFaults.error(
            400, "RepositoryNotFoundException", "The repository with name 'app' does not exist"));

    assertThatThrownBy(() -> StateEngine.of(ecr).apply(plan, options(6)))
        .isInstanceOf(ApplyFailedException.class)
        .hasCauseInstanceOf(NotFoundException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }
}
