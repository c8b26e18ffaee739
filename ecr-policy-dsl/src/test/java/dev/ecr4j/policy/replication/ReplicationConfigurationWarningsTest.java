package dev.ecr4j.policy.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicationConfigurationWarningsTest {

  private static final ReplicationDestination WEST =
      ReplicationDestination.of("us-west-2", "111122223333");
  private static final ReplicationDestination EAST =
      ReplicationDestination.of("us-east-1", "111122223333");

  private static List<PolicyWarning> warnings(ReplicationRule... rules) {
    return ReplicationConfiguration.of(rules).warnings();
  }

  @Test
  void ruleWithoutDestinationsWarned() {
    assertThat(warnings(ReplicationRule.of(List.of(), List.of(RepositoryFilter.prefix("prod")))))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules[0].destinations");
              assertThat(w.message())
                  .isEqualTo("The rule has no destinations, so it replicates nothing.");
              assertThat(w.rulePriority()).isNull();
            });
  }

  @Test
  void duplicateDestinationWarned() {
    assertThat(warnings(ReplicationRule.of(List.of(WEST, EAST, WEST), List.of())))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules[0].destinations[2]");
              assertThat(w.message())
                  .isEqualTo(
                      "The destination 111122223333/us-west-2 is listed twice in this rule (also at"
                          + " $.rules[0].destinations[0]).");
            });
  }

  @Test
  void filterCoveredByShorterFilterWarned() {
    List<PolicyWarning> found =
        warnings(
            ReplicationRule.of(
                List.of(WEST),
                List.of(
                    RepositoryFilter.prefix("prod-api"),
                    RepositoryFilter.prefix("prod"),
                    RepositoryFilter.prefix("prod"))));

    assertThat(found)
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].repositoryFilters[0]",
                "The filter \"prod-api\" selects nothing more: \"prod\" in the same rule already"
                    + " selects every repository starting with it."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].repositoryFilters[2]",
                "The filter \"prod\" is listed twice in this rule."));
  }

  @Test
  void availabilityZoneInsteadOfRegionWarned() {
    assertThat(
            warnings(
                ReplicationRule.of(
                    List.of(ReplicationDestination.of("us-west-2a", "111122223333")), List.of())))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules[0].destinations[0].region");
              assertThat(w.hint())
                  .isEqualTo(
                      "\"us-west-2a\" looks like an Availability Zone; write its Region,"
                          + " \"us-west-2\".");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"uswest2", "us-west", "oregon", "12"})
  void regionOfUnknownShapeWarned(String region) {
    assertThat(
            warnings(
                ReplicationRule.of(
                    List.of(ReplicationDestination.of(region, "111122223333")), List.of())))
        .singleElement()
        .satisfies(w -> assertThat(w.path()).isEqualTo("$.rules[0].destinations[0].region"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "us-east-1",
        "us-gov-west-1",
        "ap-southeast-5",
        "cn-northwest-1",
        "eusc-de-east-1"
      })
  void realRegionCodesNotWarned(String region) {
    assertThat(
            warnings(
                ReplicationRule.of(
                    List.of(ReplicationDestination.of(region, "111122223333")), List.of())))
        .isEmpty();
  }

  @Test
  void ruleCoveredByAnotherWarned() {
    List<PolicyWarning> found =
        warnings(
            ReplicationRule.of(List.of(WEST), List.of(RepositoryFilter.prefix("prod/api"))),
            ReplicationRule.of(List.of(WEST, EAST), List.of(RepositoryFilter.prefix("prod/"))));

    assertThat(found)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules[0]");
              assertThat(w.message())
                  .isEqualTo(
                      "This rule adds nothing: the rule at $.rules[1] already replicates every"
                          + " repository it selects to each of its destinations.");
            });
  }

  @Test
  void identicalRulesWarnOnlyOnce() {
    ReplicationRule rule = ReplicationRule.of(List.of(WEST), List.of());

    assertThat(warnings(rule, rule)).extracting(PolicyWarning::path).containsExactly("$.rules[1]");
  }

  @Test
  void ruleAddingDeletionsIsNotRedundantButConflicts() {
    List<PolicyWarning> found =
        warnings(
            ReplicationRule.of(List.of(WEST), List.of()),
            new ReplicationRule(List.of(WEST), List.of(RepositoryFilter.prefix("prod")), true));

    assertThat(found)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules[1].deleteReplication");
              assertThat(w.message())
                  .isEqualTo(
                      "This rule and the rule at $.rules[0] can both replicate a repository to"
                          + " 111122223333/us-west-2, but only the rule at $.rules[1] replicates"
                          + " deletions; ECR does not document which setting wins.");
            });
  }

  @Test
  void disjointRulesDoNotConflict() {
    assertThat(
            warnings(
                new ReplicationRule(List.of(WEST), List.of(RepositoryFilter.prefix("prod/")), true),
                ReplicationRule.of(List.of(WEST), List.of(RepositoryFilter.prefix("dev/"))),
                ReplicationRule.of(List.of(EAST), List.of(RepositoryFilter.prefix("prod/")))))
        .isEmpty();
  }
}
