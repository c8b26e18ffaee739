package dev.ecr4j.policy.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicationConfigurationJsonTest {

  /** The examples of ECR's user guide, minified: each must survive a round trip unchanged. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"111122223333\"}]}]}",
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-1\",\"registryId\":\"111122223333\"}],"
            + "\"repositoryFilters\":[{\"filter\":\"prod\",\"filterType\":\"PREFIX_MATCH\"}]}]}",
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-1\",\"registryId\":\"111122223333\"},"
            + "{\"region\":\"us-west-2\",\"registryId\":\"111122223333\"}]}]}",
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"444455556666\"}]}]}",
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"444455556666\"}],"
            + "\"deleteReplication\":{\"enabled\":true}}]}",
        "{\"rules\":[]}"
      })
  void documentedExamplesRoundTripExactly(String text) {
    ReplicationConfiguration configuration = ReplicationConfiguration.parse(text);

    assertThat(configuration.toJson()).isEqualTo(text);
    assertThat(configuration.violations()).isEmpty();
  }

  @Test
  void builderRendersEcrKeyOrder() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder()
            .repositoriesStartingWith("prod/", "shared/")
            .to("us-west-2", "111122223333")
            .to("eu-west-1", "444455556666")
            .replicatingDeletes()
            .allRepositories()
            .to("us-east-2", "111122223333")
            .build();

    assertThat(configuration.toJson())
        .isEqualTo(
            "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"111122223333\"},"
                + "{\"region\":\"eu-west-1\",\"registryId\":\"444455556666\"}],\"repositoryFilters\":"
                + "[{\"filter\":\"prod/\",\"filterType\":\"PREFIX_MATCH\"},{\"filter\":\"shared/\","
                + "\"filterType\":\"PREFIX_MATCH\"}],\"deleteReplication\":{\"enabled\":true}},"
                + "{\"destinations\":[{\"region\":\"us-east-2\",\"registryId\":\"111122223333\"}]}]}");
  }

  @Test
  void noneTurnsReplicationOff() {
    assertThat(ReplicationConfiguration.none().toJson()).isEqualTo("{\"rules\":[]}");
    assertThat(ReplicationConfiguration.none().isEmpty()).isTrue();
    assertThat(ReplicationConfiguration.builder().build())
        .isEqualTo(ReplicationConfiguration.none());
    assertThat(ReplicationConfiguration.parse("{\"rules\":[]}").targetsFor("web")).isEmpty();
  }

  @Test
  void describeRegistryOutputParses() {
    String output =
        "{\n  \"registryId\": \"111122223333\",\n  \"replicationConfiguration\": {\n    \"rules\": [\n"
            + "      {\"destinations\": [{\"region\": \"us-west-2\", \"registryId\": \"111122223333\"}],\n"
            + "       \"repositoryFilters\": [{\"filter\": \"prod\", \"filterType\": \"PREFIX_MATCH\"}]}\n"
            + "    ]\n  }\n}\n";

    ReplicationConfiguration configuration = ReplicationConfiguration.parse(output);

    assertThat(configuration)
        .isEqualTo(
            ReplicationConfiguration.builder()
                .repositoriesStartingWith("prod")
                .to("us-west-2", "111122223333")
                .build());
  }

  @Test
  void wrappedConfigurationReportsWrappedPaths() {
    String text =
        "{\"replicationConfiguration\":{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\","
            + "\"registryID\":\"111122223333\"}]}]}}";

    PolicyCheck<ReplicationConfiguration> check = ReplicationConfiguration.check(text);

    assertThat(check.violations())
        .extracting(PolicyViolation::path)
        .containsExactly(
            "$.replicationConfiguration.rules[0].destinations[0].registryID",
            "$.replicationConfiguration.rules[0].destinations[0].registryId");
    assertThat(check.violations().get(0).fix())
        .isEqualTo("Did you mean \"registryId\"? Rename the key.");
  }

  @Test
  void unknownKeyRejectedWithSuggestion() {
    String text =
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":\"111122223333\"}],"
            + "\"repositoryFilter\":[{\"filter\":\"prod\",\"filterType\":\"PREFIX_MATCH\"}]}]}";

    assertThatThrownBy(() -> ReplicationConfiguration.parse(text))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("Replication configuration is invalid (1 violation):");
              PolicyViolation violation = e.violations().get(0);
              assertThat(violation.path()).isEqualTo("$.rules[0].repositoryFilter");
              assertThat(violation.rulePriority()).isNull();
              assertThat(violation.fix())
                  .isEqualTo("Did you mean \"repositoryFilters\"? Rename the key.");
            });
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String text =
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":11122223333},"
            + "{\"region\":null,\"registryId\":\"111122223333\"}],\"repositoryFilters\":[\"prod\","
            + "{\"filter\":\"web\",\"filterType\":\"prefix_match\"}],\"deleteReplication\":true},"
            + "{\"repositoryFilters\":[],\"deleteReplication\":{\"enabled\":\"TRUE\"}},"
            + "{\"destinations\":{\"region\":\"us-west-2\",\"registryId\":\"111122223333\"}}],"
            + "\"version\":1}";

    PolicyCheck<ReplicationConfiguration> check = ReplicationConfiguration.check(text);

    assertThat(check.isValid()).isFalse();
    assertThat(check.parsed()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.violations())
        .extracting(PolicyViolation::path, PolicyViolation::fix)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "$.version", "Remove the key; allowed keys here are rules."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].destinations[0].registryId",
                "Quote the 12-digit account ID: \"registryId\": \"011122223333\"."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].destinations[1].region",
                "Set it to a Region code such as \"us-west-2\"; ECR accepts no null values here."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].repositoryFilters[0]",
                "Write it as {\"filter\": \"prod\", \"filterType\": \"PREFIX_MATCH\"}."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].repositoryFilters[1].filterType", "Write \"PREFIX_MATCH\"."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[0].deleteReplication",
                "Write it as an object: \"deleteReplication\": {\"enabled\": true}."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[1].destinations",
                "Add \"destinations\": [{\"region\": \"us-west-2\", \"registryId\": \"111122223333\"}]"
                    + " with the registries and Regions to replicate to."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[1].repositoryFilters",
                "Remove the key to replicate every repository, or add a filter such as {\"filter\":"
                    + " \"prod\", \"filterType\": \"PREFIX_MATCH\"}."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[1].deleteReplication.enabled",
                "Write the boolean without quotes: \"enabled\": true."),
            org.assertj.core.groups.Tuple.tuple(
                "$.rules[2].destinations",
                "Wrap the object in a list: \"destinations\": [ {...} ]."));
  }

  @Test
  void readableRulesValidatedBesideMalformed() {
    String text =
        "{\"rules\":[{\"destinations\":[{\"region\":\"US-WEST-2\",\"registryId\":\"111122223333\"}]},"
            + "{\"destinations\":[{\"region\":\"us-west-2\"}]}]}";

    PolicyCheck<ReplicationConfiguration> check = ReplicationConfiguration.check(text);

    assertThat(check.violations())
        .extracting(PolicyViolation::path)
        .containsExactly(
            "$.rules[1].destinations[0].registryId", "$.rules[0].destinations[0].region");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json",
        "{\"rules\":[",
        "[]",
        "\"rules\"",
        "{\"rules\":{}}",
        "{}",
        "{\"rules\":[1]}",
        "{\"rules\":[]} trailing",
        "{\"rules\":[],\"rules\":[]}",
        "{\"replicationConfiguration\":[]}",
        "{\"replicationConfiguration\":{},\"registryId\":1}",
        "{\"rules\":[{\"destinations\":[null],\"repositoryFilters\":[null],\"deleteReplication\":{}}]}"
      })
  void malformedDocumentsRejectedWithoutCrash(String text) {
    PolicyCheck<ReplicationConfiguration> check = ReplicationConfiguration.check(text);

    assertThat(check.isValid()).isFalse();
    assertThat(check.value()).isNull();
    assertThat(check.violations())
        .isNotEmpty()
        .allSatisfy(
            violation -> {
              assertThat(violation.message()).isNotBlank();
              assertThat(violation.fix()).isNotBlank();
            });
  }

  @Test
  void equalityIgnoresOrderAndAbsentDeleteReplication() {
    ReplicationDestination west = ReplicationDestination.of("us-west-2", "111122223333");
    ReplicationDestination east = ReplicationDestination.of("us-east-1", "111122223333");
    ReplicationRule first =
        new ReplicationRule(
            List.of(west, east),
            List.of(RepositoryFilter.prefix("ab"), RepositoryFilter.prefix("cd")),
            false);
    ReplicationRule reordered =
        new ReplicationRule(
            List.of(east, west),
            List.of(RepositoryFilter.prefix("cd"), RepositoryFilter.prefix("ab")),
            null);
    ReplicationRule other = ReplicationRule.of(List.of(west), List.of());

    assertThat(first).isEqualTo(reordered).hasSameHashCodeAs(reordered);
    assertThat(ReplicationConfiguration.of(first, other))
        .isEqualTo(ReplicationConfiguration.of(other, reordered))
        .hasSameHashCodeAs(ReplicationConfiguration.of(other, reordered))
        .isNotEqualTo(ReplicationConfiguration.of(first, other, other));
    assertThat(ReplicationConfiguration.of(first).toJson()).contains("\"enabled\":false");
    assertThat(ReplicationConfiguration.of(reordered).toJson()).doesNotContain("deleteReplication");
  }

  @Test
  void equalityCountsRepeatedEntries() {
    ReplicationDestination west = ReplicationDestination.of("us-west-2", "111122223333");
    ReplicationDestination east = ReplicationDestination.of("us-east-1", "111122223333");
    ReplicationRule hundredAndOne = ReplicationRule.of(Collections.nCopies(101, west), List.of());
    ReplicationRule once = ReplicationRule.of(List.of(west), List.of());
    RepositoryFilter prod = RepositoryFilter.prefix("prod");

    assertThat(hundredAndOne).isNotEqualTo(once);
    assertThat(hundredAndOne.hashCode()).isNotEqualTo(once.hashCode());
    assertThat(ReplicationConfiguration.of(hundredAndOne).violations()).isNotEmpty();
    assertThat(ReplicationConfiguration.of(once).violations()).isEmpty();
    assertThat(ReplicationRule.of(List.of(west, east, west), List.of()))
        .isEqualTo(ReplicationRule.of(List.of(east, west, west), List.of()))
        .hasSameHashCodeAs(ReplicationRule.of(List.of(east, west, west), List.of()))
        .isNotEqualTo(ReplicationRule.of(List.of(west, east, east), List.of()));
    assertThat(ReplicationRule.of(List.of(west), List.of(prod, prod)))
        .isNotEqualTo(ReplicationRule.of(List.of(west), List.of(prod)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "7|\"registryId\" must be a string, but it is an integer (7); as a number, an account ID"
            + " loses its leading zeros.|Quote the 12-digit account ID: \"registryId\":"
            + " \"000000000007\".",
        "-5|\"registryId\" must be a string, but it is an integer (-5).|Write the 12-digit AWS"
            + " account ID of the destination registry as a string, such as \"registryId\":"
            + " \"111122223333\".",
        "99999999999999999999|\"registryId\" must be a string, but it is an integer"
            + " (99999999999999999999).|Write the 12-digit AWS account ID of the destination"
            + " registry as a string, such as \"registryId\": \"111122223333\"."
      })
  void numericRegistryIdFix(String number, String message, String fix) {
    String json =
        "{\"rules\":[{\"destinations\":[{\"region\":\"us-west-2\",\"registryId\":"
            + number
            + "}]}]}";

    PolicyCheck<ReplicationConfiguration> check = ReplicationConfiguration.check(json);

    assertThat(check.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].destinations[0].registryId");
              assertThat(v.message()).isEqualTo(message);
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @Test
  void prettyJsonParsesBackToEqualConfiguration() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.builder()
            .repositoriesStartingWith("prod")
            .to("us-west-2", "111122223333")
            .build();

    assertThat(configuration.toPrettyJson()).contains("\n  \"rules\"");
    assertThat(ReplicationConfiguration.parse(configuration.toPrettyJson()))
        .isEqualTo(configuration);
    assertThat(configuration.toString()).isEqualTo(configuration.toJson());
  }

  /** Generates random configurations and checks that rendering and parsing agree. */
  @Test
  void randomConfigurationsRoundTrip() {
    Random random = new Random(20261204L);
    for (int iteration = 0; iteration < 2_000; iteration++) {
      ReplicationConfiguration configuration = randomConfiguration(random);

      ReplicationConfiguration parsed = ReplicationConfiguration.parse(configuration.toJson());

      assertThat(parsed).isEqualTo(configuration);
      assertThat(parsed.toJson()).isEqualTo(configuration.toJson());
      assertThat(parsed.rules())
          .as("rules keep their order and an explicit deleteReplication")
          .containsExactlyElementsOf(configuration.rules());
      assertThat(parsed.rules())
          .extracting(ReplicationRule::deleteReplication)
          .containsExactlyElementsOf(
              configuration.rules().stream().map(ReplicationRule::deleteReplication).toList());
      assertThat(ReplicationConfiguration.parse(configuration.toPrettyJson()).toJson())
          .isEqualTo(configuration.toJson());
    }
  }

  private static ReplicationConfiguration randomConfiguration(Random random) {
    List<ReplicationRule> rules = new ArrayList<>();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      List<ReplicationDestination> destinations = new ArrayList<>();
      int destinationCount = random.nextInt(4);
      for (int d = 0; d < destinationCount; d++) {
        destinations.add(
            ReplicationDestination.of(
                randomText(random, "abz-019\u00e9\"\\"), randomText(random, "0123456789ab")));
      }
      List<RepositoryFilter> filters = new ArrayList<>();
      int filterCount = random.nextInt(3);
      for (int f = 0; f < filterCount; f++) {
        filters.add(RepositoryFilter.prefix(randomText(random, "ab/._-19\u2603\n")));
      }
      Boolean deletes =
          switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Boolean.TRUE;
            default -> Boolean.FALSE;
          };
      rules.add(new ReplicationRule(destinations, filters, deletes));
    }
    return ReplicationConfiguration.of(rules);
  }

  private static String randomText(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(14);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
