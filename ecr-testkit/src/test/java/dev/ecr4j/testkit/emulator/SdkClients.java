package dev.ecr4j.testkit.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Builds SDK clients aimed at an emulator on 127.0.0.1, with fake credentials. */
final class SdkClients {

  private SdkClients() {}

  /** Creates a client for {@code endpoint} signed with {@code accessKey}/{@code secretKey}. */
  static EcrClient ecr(URI endpoint, String region, String accessKey, String secretKey) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClient(UrlConnectionHttpClient.create())
        // One attempt per call, so that an error reaches the test as the emulator sent it.
        .overrideConfiguration(
            c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** Creates a client with the default credentials in us-east-1. */
  static EcrClient ecr(EcrEmulator emulator) {
    return ecr(emulator.endpoint(), "us-east-1", "test", "test");
  }
}
