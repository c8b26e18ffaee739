package dev.ecr4j.examples;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.ImageId;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.SampleImages;
import dev.ecr4j.testkit.junit.EcrTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Images pushed to prod/ reach the second region, and images of other repositories do not. */
@EcrTest
class ConfigureReplicationTest {

  @Test
  void replicatesProductionRepositories(Ecr4jClient ecr, EcrClient sdk, EcrEndpoint endpoint) {
    ReplicationConfiguration configuration =
        ConfigureReplication.replicateProduction(ecr, "us-west-2", endpoint.accountId());
    ecr.repositories().create("prod/web", RepositorySettings.defaults());
    ecr.repositories().create("dev/web", RepositorySettings.defaults());

    SampleImages.put(sdk, "prod/web", 1, "1.0");
    SampleImages.put(sdk, "dev/web", 2, "1.0");

    assertThat(configuration.rules()).hasSize(1);
    assertThatImage(sdk, "prod/web", "1.0").hasReplicatedTo("us-west-2");
    assertThat(ecr.images().replicationStatus("dev/web", ImageId.tag("1.0"))).isEmpty();
  }

  @Test
  void keepsConfigurationWhenAlreadyReplicated(Ecr4jClient ecr, EcrEndpoint endpoint) {
    ReplicationConfiguration first =
        ConfigureReplication.replicateProduction(ecr, "us-west-2", endpoint.accountId());

    ReplicationConfiguration second =
        ConfigureReplication.replicateProduction(ecr, "us-west-2", endpoint.accountId());

    assertThat(second).isEqualTo(first);
    assertThat(second.rules()).hasSize(1);
  }
}
