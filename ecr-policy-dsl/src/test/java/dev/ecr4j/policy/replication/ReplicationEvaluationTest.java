package dev.ecr4j.policy.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each repository's images go: prefix matching, rules combined, deletions. */
class ReplicationEvaluationTest {

  private static final ReplicationDestination WEST =
      ReplicationDestination.of("us-west-2", "111122223333");
  private static final ReplicationDestination EAST =
      ReplicationDestination.of("us-east-1", "111122223333");
  private static final ReplicationDestination PARTNER =
      ReplicationDestination.of("eu-west-1", "444455556666");

  @ParameterizedTest
  @CsvSource({
    "prod, prod, true",
    "prod, prod-api, true",
    "prod, production/web, true",
    "prod, staging/prod, false",
    "prod/, prod/web, true",
    "prod/, prod, false",
    "prod/, prod-api, false",
    "team-a/web, team-a/web-frontend, true"
  })
  void prefixMatchesTheStartOfTheName(String prefix, String repository, boolean matches) {
    assertThat(RepositoryFilter.prefix(prefix).matches(repository)).isEqualTo(matches);
  }

  @Test
  void ruleWithoutFiltersSelectsEveryRepository() {
    ReplicationRule rule = ReplicationRule.of(List.of(WEST), List.of());

    assertThat(rule.appliesTo("anything/at-all")).isTrue();
  }

  @Test
  void filtersOfOneRuleAreAlternatives() {
    ReplicationRule rule =
        ReplicationRule.of(
            List.of(WEST),
            List.of(RepositoryFilter.prefix("prod"), RepositoryFilter.prefix("web")));

    assertThat(rule.appliesTo("prod-api")).isTrue();
    assertThat(rule.appliesTo("web")).isTrue();
    assertThat(rule.appliesTo("batch")).isFalse();
  }

  @Test
  void targetsCombineEveryMatchingRuleOnceInOrder() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder()
            .repositoriesStartingWith("prod")
            .to(PARTNER)
            .to(WEST)
            .replicatingDeletes()
            .allRepositories()
            .to(WEST)
            .to(EAST)
            .build();

    assertThat(configuration.targetsFor("prod/web"))
        .containsExactly(
            new ReplicationTarget(PARTNER, true),
            new ReplicationTarget(WEST, true),
            new ReplicationTarget(EAST, false));
    assertThat(configuration.targetsFor("dev/web"))
        .containsExactly(new ReplicationTarget(WEST, false), new ReplicationTarget(EAST, false));
    assertThat(configuration.destinations()).containsExactly(PARTNER, WEST, EAST);
  }

  @Test
  void unselectedRepositoryIsNotReplicated() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder().repositoriesStartingWith("prod/").to(WEST).build();

    assertThat(configuration.targetsFor("prod")).isEmpty();
    assertThat(configuration.targetsFor("prod/web"))
        .containsExactly(new ReplicationTarget(WEST, false));
  }

  @Test
  void explicitlyDisabledDeletesAreNotReplicated() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.of(new ReplicationRule(List.of(WEST), List.of(), false));

    assertThat(configuration.targetsFor("web")).containsExactly(new ReplicationTarget(WEST, false));
  }
}
