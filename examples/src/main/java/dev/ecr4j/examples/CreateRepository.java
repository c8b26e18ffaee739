package dev.ecr4j.examples;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.RepositoryCreation;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.core.TagMutability;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Creates a repository whose tags cannot be overwritten, except {@code latest}, and whose images
 * are scanned on push. {@link #main} runs it against an embedded emulator, so it needs no AWS
 * account.
 */
public final class CreateRepository {

  private CreateRepository() {}

  /**
   * Creates {@code name}, or returns the existing repository of that name and prints the settings
   * that differ from the request.
   */
  public static Repository create(Ecr4jClient ecr, String name) {
    RepositorySettings settings =
        RepositorySettings.builder()
            .tagMutability(TagMutability.IMMUTABLE_WITH_EXCLUSION, List.of("latest"))
            .scanOnPush(true)
            .tag("team", "web")
            .build();

    RepositoryCreation creation = ecr.repositories().create(name, settings);
    if (!creation.matchesRequest()) {
      System.out.println("The existing repository differs: " + creation.differences());
    }
    return creation.repository();
  }

  /** Creates the repository {@code team/web} in an embedded emulator and prints its URI. */
  public static void main(String[] args) {
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .rateLimitSettings(RateLimitSettings.unlimited())
                .build()) {
      Repository repository = create(ecr, "team/web");
      System.out.println(repository.uri());
    }
  }
}
