package dev.ecr4j.core;

import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.core.retry.RetrySettings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Builds clients for tests: fake credentials and always an endpoint on 127.0.0.1. */
final class TestClients {

  static final String ACCOUNT = "123456789012";

  private TestClients() {}

  static Ecr4jClient.Builder builder(URI endpoint) {
    return Ecr4jClient.builder()
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .rateLimitSettings(RateLimitSettings.unlimited())
        .retrySettings(
            RetrySettings.builder()
                .baseDelay(Duration.ofMillis(1))
                .throttlingBaseDelay(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .deadline(Duration.ofSeconds(30))
                .build());
  }
}
