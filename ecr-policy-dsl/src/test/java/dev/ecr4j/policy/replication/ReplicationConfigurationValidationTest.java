package dev.ecr4j.policy.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ECR's constraints from the API model of {@code PutReplicationConfiguration} and its quotas: the
 * number of rules, destinations and filters, the patterns of regions, account IDs and filters, and
 * a destination equal to the source registry.
 */
class ReplicationConfigurationValidationTest {

  private static final ReplicationDestination WEST =
      ReplicationDestination.of("us-west-2", "111122223333");

  private static List<PolicyViolation> violationsOfDestination(String region, String registryId) {
    return ReplicationConfiguration.of(
            ReplicationRule.of(List.of(ReplicationDestination.of(region, registryId)), List.of()))
        .violations();
  }

  private static List<PolicyViolation> violationsOfFilter(String filter) {
    return ReplicationConfiguration.of(
            ReplicationRule.of(List.of(WEST), List.of(RepositoryFilter.prefix(filter))))
        .violations();
  }

  private static String account(int number) {
    return String.format("%012d", number);
  }

  private static List<ReplicationRule> rules(int count) {
    List<ReplicationRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rules.add(ReplicationRule.of(List.of(WEST), List.of(RepositoryFilter.prefix("team" + i))));
    }
    return rules;
  }

  @Test
  void tenRulesAllowed() {
    assertThat(ReplicationConfiguration.of(rules(10)).violations()).isEmpty();
  }

  @Test
  void elevenRulesRejected() {
    assertThat(ReplicationConfiguration.of(rules(11)).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules");
              assertThat(v.message())
                  .isEqualTo("The configuration has 11 rules; ECR allows at most 10.");
            });
  }

  @Test
  void twentyFiveUniqueDestinationsAllowed() {
    List<ReplicationRule> rules = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<ReplicationDestination> destinations = new ArrayList<>();
      destinations.add(ReplicationDestination.of("us-west-2", account(0))); // counted once
      for (int j = 1; j < 5; j++) {
        destinations.add(ReplicationDestination.of("us-west-2", account(i * 4 + j)));
      }
      rules.add(ReplicationRule.of(destinations, List.of(RepositoryFilter.prefix("team" + i))));
    }
    ReplicationConfiguration configuration = ReplicationConfiguration.of(rules);

    assertThat(configuration.destinations()).hasSize(21);
    assertThat(configuration.violations()).isEmpty();

    rules.add(
        ReplicationRule.of(
            List.of(
                ReplicationDestination.of("eu-west-1", account(1)),
                ReplicationDestination.of("eu-west-1", account(2)),
                ReplicationDestination.of("eu-west-1", account(3)),
                ReplicationDestination.of("eu-west-1", account(4))),
            List.of(RepositoryFilter.prefix("ml/"))));
    ReplicationConfiguration atLimit = ReplicationConfiguration.of(rules);

    assertThat(atLimit.destinations()).hasSize(25);
    assertThat(atLimit.violations()).isEmpty();
  }

  @Test
  void twentySixUniqueDestinationsRejected() {
    List<ReplicationRule> rules = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      List<ReplicationDestination> destinations = new ArrayList<>();
      for (int j = 0; j < 13; j++) {
        destinations.add(ReplicationDestination.of("eu-west-1", account(i * 13 + j)));
      }
      rules.add(ReplicationRule.of(destinations, List.of(RepositoryFilter.prefix("team" + i))));
    }

    assertThat(ReplicationConfiguration.of(rules).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules");
              assertThat(v.message())
                  .isEqualTo(
                      "The rules replicate to 26 distinct destinations; ECR allows at most 25"
                          + " across all rules of a configuration.");
            });
  }

  @Test
  void tooManyDestinationsAndFiltersRejected() {
    List<ReplicationDestination> destinations = new ArrayList<>();
    List<RepositoryFilter> filters = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      destinations.add(ReplicationDestination.of("us-west-2", account(i)));
      filters.add(RepositoryFilter.prefix("team" + i));
    }

    List<PolicyViolation> found =
        ReplicationConfiguration.of(ReplicationRule.of(destinations, filters)).violations();

    assertThat(found)
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].destinations",
                "The rule has 101 destinations; ECR allows at most 100 per rule."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].repositoryFilters",
                "The rule has 101 repository filters; ECR allows at most 100 per rule."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules",
                "The rules replicate to 101 distinct destinations; ECR allows at most 25 across"
                    + " all rules of a configuration."));
  }

  @Test
  void hundredFiltersAllowed() {
    List<RepositoryFilter> filters = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      filters.add(RepositoryFilter.prefix("team" + i));
    }

    assertThat(ReplicationConfiguration.of(ReplicationRule.of(List.of(WEST), filters)).violations())
        .isEmpty();
  }

  @Test
  void sourceAsDestinationRejectedWithEcrText() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder()
            .allRepositories()
            .to("us-east-1", "111122223333")
            .to("us-west-2", "111122223333")
            .build();

    assertThat(configuration.violations("us-east-1", "444455556666")).isEmpty();
    assertThat(configuration.violations("us-west-2", "111122223333"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].destinations[1]");
              assertThat(v.message())
                  .isEqualTo(
                      "The destination 111122223333/us-west-2 is the registry and Region the"
                          + " configuration is put in; ECR replicates only to other Regions or"
                          + " other registries.");
              assertThat(v.ecrMessage())
                  .isEqualTo(
                      "Invalid parameter at 'replicationConfiguration' failed to satisfy"
                          + " constraint: 'Replication destination cannot be the same as the"
                          + " source registry'");
            });
    assertThatThrownBy(() -> configuration.validate("us-west-2", "111122223333"))
        .isInstanceOf(InvalidPolicyException.class);
    assertThat(configuration.validate("eu-west-1", "111122223333")).isSameAs(configuration);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "US-WEST-2|Write \"us-west-2\"; Region codes are lowercase.",
        "us_west_2|Use a Region code such as \"us-west-2\", not a Region name or an endpoint.",
        "US West (Oregon)|Use a Region code such as \"us-west-2\", not a Region name or an endpoint.",
        "a|Use a Region code such as \"us-west-2\".",
        "ecr.us-west-2.amazonaws.com|Use a Region code such as \"us-west-2\"."
      })
  void invalidRegionRejectedWithFix(String region, String fix) {
    assertThat(violationsOfDestination(region, "111122223333"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].destinations[0].region");
              assertThat(v.message())
                  .isEqualTo(
                      "The region \""
                          + region
                          + "\" is not a Region code; ECR requires 2 to 25 lowercase letters,"
                          + " digits and hyphens.");
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1111-2222-3333|Write \"111122223333\", without separators.",
        "1111 2222 3333|Write \"111122223333\", without separators.",
        "11122223333|If leading zeros were lost, write \"011122223333\"; otherwise use the"
            + " destination's 12-digit account ID.",
        "my-account|Use the 12-digit AWS account ID of the destination registry; for cross-Region"
            + " replication within your registry, your own account ID.",
        "1111222233334|Use the 12-digit AWS account ID of the destination registry; for"
            + " cross-Region replication within your registry, your own account ID.",
        "-5|Use the 12-digit AWS account ID of the destination registry; for cross-Region"
            + " replication within your registry, your own account ID.",
        "1234-5678|Use the 12-digit AWS account ID of the destination registry; for cross-Region"
            + " replication within your registry, your own account ID."
      })
  void invalidRegistryIdRejectedWithFix(String registryId, String fix) {
    assertThat(violationsOfDestination("us-west-2", registryId))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].destinations[0].registryId");
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"prod", "prod/", "team-a/web", "a1", "my.app_x-y", "ns/sub/", "0-", "-x", "ab._-"})
  void validFiltersAccepted(String filter) {
    assertThat(violationsOfFilter(filter)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prod*|A PREFIX_MATCH filter is a plain prefix without wildcards: it selects every repository"
            + " whose name starts with it. Write \"prod\".",
        "team/*/web|A PREFIX_MATCH filter is a plain prefix without wildcards: it selects every"
            + " repository whose name starts with it. Write \"team/\".",
        "*|The filter \"*\" is shorter than the 2 characters ECR requires.",
        "Prod|Write \"prod\"; repository names are lowercase.",
        "/prod|Remove the leading \"/\"; repository names start with a letter or digit.",
        "team//web|Remove the empty path segment (\"//\").",
        "web app|Remove the characters that cannot appear in a repository name."
      })
  void invalidFilterRejectedWithFix(String filter, String fixOrMessage) {
    assertThat(violationsOfFilter(filter))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].repositoryFilters[0].filter");
              assertThat(List.of(v.fix(), v.message())).contains(fixOrMessage);
            });
  }

  @Test
  void filterLengthLimitsRejected() {
    assertThat(violationsOfFilter("a"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo("The filter \"a\" is shorter than the 2 characters ECR requires."));
    assertThat(violationsOfFilter(""))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.fix())
                    .isEqualTo(
                        "Remove the filter; a rule without repositoryFilters replicates every"
                            + " repository."));
    assertThat(violationsOfFilter("a".repeat(256))).isEmpty();
    assertThat(violationsOfFilter("a".repeat(257)))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo("The filter is 257 characters long; ECR allows at most 256."));
  }

  @Test
  void validateThrowsWithEveryViolation() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.of(
            ReplicationRule.of(
                List.of(ReplicationDestination.of("US-WEST-2", "1111")),
                List.of(RepositoryFilter.prefix("prod*"))));

    assertThatThrownBy(configuration::validate)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("Replication configuration is invalid (3 violations):");
              assertThat(e.violations())
                  .extracting(PolicyViolation::path)
                  .containsExactly(
                      "$.rules[0].destinations[0].region",
                      "$.rules[0].destinations[0].registryId",
                      "$.rules[0].repositoryFilters[0].filter");
            });
  }

  @Test
  void checkOfValidDocument() {
    var check =
        ReplicationConfiguration.check(
            "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"111122223333\"}]}]}");

    assertThat(check.isValid()).isTrue();
    assertThat(check.violations()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.parsed()).isPresent();
  }

  @Test
  void checkKeepsInvalidValue() {
    var check =
        ReplicationConfiguration.check(
            "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"1111\"}]}]}");

    assertThat(check.isValid()).isFalse();
    assertThat(check.parsed()).isPresent();
    assertThat(check.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.rules[0].destinations[0].registryId");
  }

  @Test
  void ruleCountIncludesMalformedRules() {
    StringBuilder text = new StringBuilder("{\"rules\":[");
    for (int i = 0; i < 11; i++) {
      text.append(i == 0 ? "" : ",").append(i == 10 ? "{}" : "{\"destinations\":[]}");
    }
    text.append("]}");

    assertThat(ReplicationConfiguration.check(text.toString()).violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.rules[10].destinations", "$.rules");
  }
}
