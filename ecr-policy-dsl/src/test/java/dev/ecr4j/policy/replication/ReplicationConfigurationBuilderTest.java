package dev.ecr4j.policy.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationConfigurationBuilderTest {

  @Test
  void readsLikeTheIntent() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder()
            .repositoriesStartingWith("prod/", "shared/")
            .to("us-west-2", "111122223333")
            .to(ReplicationDestination.of("eu-west-1", "444455556666"))
            .replicatingDeletes()
            .allRepositories()
            .to("us-east-2", "111122223333")
            .build();

    assertThat(configuration.rules())
        .containsExactly(
            new ReplicationRule(
                List.of(
                    ReplicationDestination.of("us-west-2", "111122223333"),
                    ReplicationDestination.of("eu-west-1", "444455556666")),
                List.of(RepositoryFilter.prefix("prod/"), RepositoryFilter.prefix("shared/")),
                true),
            ReplicationRule.of(
                List.of(ReplicationDestination.of("us-east-2", "111122223333")), List.of()));
    assertThat(configuration.rules().get(1).deleteReplication())
        .as("deletion replication is written only when it is switched on")
        .isNull();
    assertThat(configuration.violations()).isEmpty();
    assertThat(configuration.warnings()).isEmpty();
  }

  @Test
  void malformedArgumentsThrowAtOnce() {
    ReplicationConfiguration.Builder builder = ReplicationConfiguration.builder();

    assertThatThrownBy(() -> builder.allRepositories().to("111122223333", "us-west-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid destination: The registryId \"us-west-2\" is not an AWS account ID; ECR"
                + " requires 12 digits. Fix: Use the 12-digit AWS account ID of the destination"
                + " registry; for cross-Region replication within your registry, your own account"
                + " ID.");
    assertThatThrownBy(() -> builder.allRepositories().to("Oregon", "111122223333"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Write \"oregon\"");
    assertThatThrownBy(() -> builder.repositoriesStartingWith("prod", "web-*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid prefix: The filter \"web-*\" is not the start of a valid")
        .hasMessageEndingWith("Write \"web-\".");
    assertThatThrownBy(() -> builder.repositoriesStartingWith("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsRejected() {
    ReplicationConfiguration.Builder builder = ReplicationConfiguration.builder();

    assertThatThrownBy(() -> builder.repositoriesStartingWith("prod", (String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("morePrefixes must not contain null");
    assertThatThrownBy(() -> builder.repositoriesStartingWith("prod", (String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("morePrefixes");
    assertThatThrownBy(() -> builder.allRepositories().to(null, "111122223333"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("region");
    assertThatThrownBy(() -> builder.rule(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rule");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullValuesNamed() {
    ReplicationDestination west = ReplicationDestination.of("us-west-2", "111122223333");

    assertThatThrownBy(() -> ReplicationConfiguration.of((ReplicationRule[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rules");
    assertThatThrownBy(() -> ReplicationConfiguration.of((ReplicationRule) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rules must not contain null");
    assertThatThrownBy(() -> ReplicationRule.of(Arrays.asList(west, null), List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("destinations must not contain null");
    assertThatThrownBy(() -> ReplicationConfiguration.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
    assertThatThrownBy(() -> ReplicationConfiguration.check(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
    assertThatThrownBy(() -> ReplicationConfiguration.none().violations(null, "111122223333"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sourceRegion");
  }

  @Test
  void partialChainsCanBeReused() {
    ReplicationConfiguration.DestinationStep base =
        ReplicationConfiguration.builder().allRepositories().to("us-west-2", "111122223333");

    ReplicationConfiguration twoDestinations = base.to("us-east-1", "111122223333").build();
    ReplicationConfiguration withDeletes = base.replicatingDeletes().build();
    ReplicationConfiguration alone = base.build();

    assertThat(twoDestinations.destinations()).hasSize(2);
    assertThat(withDeletes.rules().get(0).replicatesDeletes()).isTrue();
    assertThat(alone.destinations()).hasSize(1);
    assertThat(alone.rules().get(0).replicatesDeletes()).isFalse();
  }

  @Test
  void plainRulesAndToBuilderRoundTrip() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder()
            .rule(
                new ReplicationRule(
                    List.of(ReplicationDestination.of("ap-south-1", "111122223333")),
                    List.of(RepositoryFilter.prefix("ml/")),
                    false))
            .allRepositories()
            .to("us-west-2", "111122223333")
            .build();

    assertThat(configuration.toBuilder().build()).isEqualTo(configuration);
    assertThat(configuration.toBuilder().build().toJson()).isEqualTo(configuration.toJson());
  }

  @Test
  void buildReportsViolationsOfPlainRules() {
    ReplicationConfiguration.Builder builder = ReplicationConfiguration.builder();
    for (int i = 0; i < 11; i++) {
      builder = builder.repositoriesStartingWith("team" + i + "/").to("us-west-2", "111122223333");
    }
    builder = builder.rule(ReplicationRule.of(List.of(), List.of(RepositoryFilter.prefix("A"))));
    ReplicationConfiguration.Builder finished = builder;

    assertThatThrownBy(finished::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path())
                    .containsExactly("$.rules", "$.rules[11].repositoryFilters[0].filter"));
  }
}
