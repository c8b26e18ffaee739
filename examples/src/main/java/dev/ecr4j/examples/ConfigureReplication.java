package dev.ecr4j.examples;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Replicates the repositories under {@code prod/} to a second region of the same account, keeping
 * the registry's other replication rules. {@link #main} runs it against an embedded emulator, so it
 * needs no AWS account.
 */
public final class ConfigureReplication {

  private ConfigureReplication() {}

  /**
   * Adds a rule that replicates {@code prod/} repositories to {@code region} of {@code accountId},
   * unless the registry already does, and returns the registry's configuration.
   */
  public static ReplicationConfiguration replicateProduction(
      Ecr4jClient ecr, String region, String accountId) {
    ReplicationConfiguration current = ecr.replication().get();

    // Any repository under prod/ shows whether an existing rule already covers the prefix.
    boolean alreadyReplicated =
        current.targetsFor("prod/web").stream()
            .anyMatch(target -> target.destination().region().equals(region));
    if (alreadyReplicated) {
      return current;
    }

    // PutReplicationConfiguration replaces the whole configuration, so start from the current one.
    ReplicationConfiguration configuration =
        current.toBuilder().repositoriesStartingWith("prod/").to(region, accountId).build();
    ecr.replication().put(configuration);
    return configuration;
  }

  /** Configures replication to us-west-2 in an embedded emulator and prints the configuration. */
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
      ReplicationConfiguration configuration =
          replicateProduction(ecr, "us-west-2", "000000000000");
      System.out.println(configuration.toPrettyJson());
    }
  }
}
