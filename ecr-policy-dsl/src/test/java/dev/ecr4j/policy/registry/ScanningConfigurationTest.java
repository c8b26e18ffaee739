package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanningConfigurationTest {

  @Test
  void fluentEnhancedRendersEcrJson() {
    ScanningConfiguration scanning =
        ScanningConfiguration.enhanced().continuousScan("prod-*").scanOnPush("*");

    assertThat(scanning.toJson())
        .isEqualTo(
            "{\"scanType\":\"ENHANCED\",\"rules\":[{\"scanFrequency\":\"CONTINUOUS_SCAN\","
                + "\"repositoryFilters\":[{\"filter\":\"prod-*\",\"filterType\":\"WILDCARD\"}]},"
                + "{\"scanFrequency\":\"SCAN_ON_PUSH\",\"repositoryFilters\":[{\"filter\":\"*\","
                + "\"filterType\":\"WILDCARD\"}]}]}");
    assertThat(scanning.violations()).isEmpty();
    assertThat(scanning.warnings()).isEmpty();
  }

  @Test
  void repeatedFrequencyMergesIntoOneRule() {
    ScanningConfiguration scanning =
        ScanningConfiguration.basic().scanOnPush("web").scanOnPush("api", "worker");

    assertThat(scanning.rules())
        .containsExactly(ScanningRule.of(ScanFrequency.SCAN_ON_PUSH, "web", "api", "worker"));
  }

  @Test
  void continuousScanOnBasicThrows() {
    assertThatThrownBy(() -> ScanningConfiguration.basic().continuousScan("*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "continuous scanning needs scan type ENHANCED; start from"
                + " ScanningConfiguration.enhanced()");
  }

  /** The registry keeps its rules when a request leaves "rules" out, so it is always written. */
  @Test
  void emptyRulesAreWrittenExplicitly() {
    assertThat(ScanningConfiguration.basic().toJson())
        .isEqualTo("{\"scanType\":\"BASIC\",\"rules\":[]}");
  }

  @Test
  void missingRulesParseAsNoRules() {
    ScanningConfiguration parsed = ScanningConfiguration.parse("{\"scanType\":\"BASIC\"}");

    assertThat(parsed).isEqualTo(ScanningConfiguration.basic());
    assertThat(parsed.toJson()).isEqualTo("{\"scanType\":\"BASIC\",\"rules\":[]}");
  }

  @Test
  void parseRoundTripsExactly() {
    String json =
        "{\"scanType\":\"BASIC\",\"rules\":[{\"scanFrequency\":\"SCAN_ON_PUSH\",\"repositoryFilters\":"
            + "[{\"filter\":\"team-a/*\",\"filterType\":\"WILDCARD\"},{\"filter\":\"web\",\"filterType\":\"WILDCARD\"}]}]}";

    ScanningConfiguration parsed = ScanningConfiguration.parse(json);

    assertThat(parsed.toJson()).isEqualTo(json);
    assertThat(ScanningConfiguration.parse(parsed.toPrettyJson())).isEqualTo(parsed);
  }

  @Test
  void equalityIgnoresRuleAndFilterOrder() {
    ScanningConfiguration first =
        ScanningConfiguration.enhanced().continuousScan("a", "b").scanOnPush("*");
    ScanningConfiguration second =
        ScanningConfiguration.of(
            ScanType.ENHANCED,
            List.of(
                ScanningRule.of(ScanFrequency.SCAN_ON_PUSH, "*"),
                ScanningRule.of(ScanFrequency.CONTINUOUS_SCAN, "b", "a")));

    assertThat(first).isEqualTo(second);
    assertThat(first.hashCode()).isEqualTo(second.hashCode());
    assertThat(first).isNotEqualTo(ScanningConfiguration.basic().scanOnPush("*"));
  }

  @Test
  void equalityCountsRepeatedFilters() {
    ScanningRule twice = ScanningRule.of(ScanFrequency.SCAN_ON_PUSH, "prod-*", "prod-*");
    ScanningRule once = ScanningRule.of(ScanFrequency.SCAN_ON_PUSH, "prod-*");

    assertThat(twice).isNotEqualTo(once);
    assertThat(ScanningConfiguration.basic().withRule(once).withRule(once))
        .isNotEqualTo(ScanningConfiguration.basic().withRule(once));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsNamed() {
    assertThatThrownBy(() -> ScanningConfiguration.basic().continuousScan(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("filter");
    assertThatThrownBy(() -> ScanningConfiguration.enhanced().scanOnPush("*", (String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("moreFilters must not contain null");
    assertThatThrownBy(() -> ScanningConfiguration.of(ScanType.BASIC, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rules");
  }

  /** The filter table of the ECR user guide, "Filters to choose which repositories are scanned". */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "prod, prod, true",
    "prod, repo-prod, true",
    "prod, prod-repo, true",
    "prod, repo-prod-repo, true",
    "prod, prodrepo, true",
    "*prod, prod, true",
    "*prod, repo-prod, true",
    "*prod, prod-repo, false",
    "*prod, repo-prod-repo, false",
    "*prod, prodrepo, false",
    "prod*, prod, true",
    "prod*, repo-prod, false",
    "prod*, prod-repo, true",
    "prod*, repo-prod-repo, false",
    "prod*, prodrepo, true",
    "*prod*, repo-prod-repo, true",
    "*prod*, prodrepo, true",
    "prod*repo, prod, false",
    "prod*repo, repo-prod, false",
    "prod*repo, prod-repo, true",
    "prod*repo, repo-prod-repo, false",
    "prod*repo, prodrepo, true"
  })
  void filterMatchesLikeUserGuideTable(String filter, String repository, boolean expected) {
    assertThat(ScanningRepositoryFilter.wildcard(filter).matches(repository)).isEqualTo(expected);
  }

  @Test
  void continuousScanWinsOverScanOnPush() {
    ScanningConfiguration scanning =
        ScanningConfiguration.enhanced().continuousScan("prod-*").scanOnPush("*");

    assertThat(scanning.frequencyFor("prod-web")).contains(ScanFrequency.CONTINUOUS_SCAN);
    assertThat(scanning.frequencyFor("dev-web")).contains(ScanFrequency.SCAN_ON_PUSH);
  }

  @Test
  void unmatchedRepositoryScannedPerScanType() {
    assertThat(ScanningConfiguration.basic().scanOnPush("web").frequencyFor("api"))
        .contains(ScanFrequency.MANUAL);
    assertThat(ScanningConfiguration.basic().scanOnPush("web").frequencyFor("web"))
        .contains(ScanFrequency.SCAN_ON_PUSH);
    assertThat(ScanningConfiguration.enhanced().scanOnPush("web").frequencyFor("api")).isEmpty();
  }

  @Test
  void unsupportedRuleIgnoredByFrequencyFor() {
    ScanningConfiguration scanning =
        ScanningConfiguration.of(
            ScanType.BASIC, List.of(ScanningRule.of(ScanFrequency.CONTINUOUS_SCAN, "*")));

    assertThat(scanning.frequencyFor("web")).isEqualTo(Optional.of(ScanFrequency.MANUAL));
  }

  @Test
  void continuousScanWithBasicRejected() {
    ScanningConfiguration scanning =
        ScanningConfiguration.of(
            ScanType.BASIC, List.of(ScanningRule.of(ScanFrequency.CONTINUOUS_SCAN, "*")));

    assertThat(scanning.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].scanFrequency");
              assertThat(v.message())
                  .isEqualTo(
                      "Scan frequency CONTINUOUS_SCAN needs scan type ENHANCED, but the scan type is"
                          + " BASIC.");
              assertThat(v.fix())
                  .isEqualTo(
                      "Use SCAN_ON_PUSH, or set scanType to ENHANCED to scan with Amazon"
                          + " Inspector.");
              assertThat(v.rulePriority()).isNull();
              assertThat(v.ecrMessage()).isNull();
            });
  }

  @Test
  void manualWithEnhancedRejected() {
    ScanningConfiguration scanning =
        ScanningConfiguration.of(
            ScanType.ENHANCED, List.of(ScanningRule.of(ScanFrequency.MANUAL, "*")));

    assertThat(scanning.violations())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo(
                        "Scan frequency MANUAL is not available with scan type ENHANCED, which"
                            + " supports SCAN_ON_PUSH and CONTINUOUS_SCAN."));
  }

  @Test
  void manualWithBasicAcceptedWithWarning() {
    ScanningConfiguration scanning =
        ScanningConfiguration.of(
            ScanType.BASIC, List.of(ScanningRule.of(ScanFrequency.MANUAL, "*")));

    assertThat(scanning.violations()).isEmpty();
    assertThat(scanning.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules[0].scanFrequency");
              assertThat(w.message())
                  .isEqualTo(
                      "A MANUAL rule changes nothing: with basic scanning, every repository that no"
                          + " SCAN_ON_PUSH rule matches is scanned by hand anyway.");
            });
  }

  @Test
  void threeRulesRejected() {
    ScanningConfiguration scanning =
        ScanningConfiguration.enhanced()
            .scanOnPush("a")
            .continuousScan("b")
            .withRule(ScanningRule.of(ScanFrequency.SCAN_ON_PUSH, "c"));

    assertThat(scanning.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules");
              assertThat(v.message())
                  .isEqualTo("The configuration has 3 rules; ECR allows at most 2.");
            });
    assertThat(scanning.warnings())
        .extracting(PolicyWarning::message)
        .containsExactly(
            "This rule and $.rules[0] both have scan frequency SCAN_ON_PUSH, so they act as one"
                + " rule with both filter lists.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Prod-*|Write it in lowercase: \"prod-*\".",
        "prod--web|Write it like \"prod-*\" or \"team-a/*\".",
        "-prod|Write it like \"prod-*\" or \"team-a/*\".",
        "prod/|Write it like \"prod-*\" or \"team-a/*\".",
        "prod web|Write it like \"prod-*\" or \"team-a/*\"."
      })
  void invalidFilterRejected(String filter, String fix) {
    ScanningConfiguration scanning = ScanningConfiguration.basic().scanOnPush(filter);

    assertThat(scanning.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].repositoryFilters[0].filter");
              assertThat(v.message())
                  .isEqualTo(
                      "The repository filter \""
                          + filter
                          + "\" is invalid; ECR allows lowercase letters, digits and '*', with a"
                          + " single '.', '_', '-' or '/' between them.");
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @Test
  void filterLengthLimitsEnforced() {
    ScanningConfiguration scanning =
        ScanningConfiguration.basic().scanOnPush("", "a".repeat(255), "a".repeat(256));

    assertThat(scanning.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.rules[0].repositoryFilters[0].filter",
                "The repository filter is 0 characters long; ECR allows 1 to 255."),
            tuple(
                "$.rules[0].repositoryFilters[2].filter",
                "The repository filter is 256 characters long; ECR allows 1 to 255."));
  }

  @Test
  void filterCountLimitEnforced() {
    String[] filters = new String[100];
    for (int i = 0; i < filters.length; i++) {
      filters[i] = "repo" + i;
    }

    assertThat(ScanningConfiguration.basic().scanOnPush("first", filters).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].repositoryFilters");
              assertThat(v.message())
                  .isEqualTo("The rule has 101 repository filters; ECR allows at most 100.");
            });
    assertThat(
            ScanningConfiguration.basic()
                .scanOnPush(filters[0], Arrays.copyOfRange(filters, 1, 100))
                .violations())
        .as("exactly 100 filters are allowed")
        .isEmpty();
  }

  @Test
  void enhancedWithoutRulesWarns() {
    assertThat(ScanningConfiguration.enhanced().warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.rules");
              assertThat(w.message())
                  .isEqualTo("Enhanced scanning without rules scans no repository.");
            });
  }

  @Test
  void ruleWithoutFiltersWarns() {
    ScanningConfiguration scanning =
        ScanningConfiguration.of(
            ScanType.BASIC, List.of(new ScanningRule(ScanFrequency.SCAN_ON_PUSH, List.of())));

    assertThat(scanning.warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            tuple(
                "$.rules[0].repositoryFilters",
                "The rule has no repository filters, so it scans no repository."));
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String json =
        "{\"scanTyp\":\"BASIC\",\"rules\":[{\"scanFrequency\":\"scan_on_push\",\"repositoryFilters\":"
            + "[{\"filter\":7,\"filterType\":\"PREFIX_MATCH\"},\"web\"]},{\"scanFrequency\":\"MANUAL\"}]}";

    assertThatThrownBy(() -> ScanningConfiguration.parse(json))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path, PolicyViolation::message)
                    .containsExactly(
                        tuple(
                            "$.scanTyp",
                            "Unknown key \"scanTyp\"; the PutRegistryScanningConfiguration request"
                                + " defines no such key here."),
                        tuple("$.scanType", "The required key \"scanType\" is missing."),
                        tuple(
                            "$.rules[0].scanFrequency",
                            "\"scan_on_push\" is not a valid scanFrequency; ECR's values are"
                                + " case-sensitive."),
                        tuple(
                            "$.rules[0].repositoryFilters[0].filter",
                            "\"filter\" must be a string, but it is an integer (7)."),
                        tuple(
                            "$.rules[0].repositoryFilters[0].filterType",
                            "\"PREFIX_MATCH\" is not a valid filterType; ECR supports only"
                                + " \"WILDCARD\"."),
                        tuple(
                            "$.rules[0].repositoryFilters[1]",
                            "A repository filter must be an object, but it is a string."),
                        tuple(
                            "$.rules[1].repositoryFilters",
                            "The required key \"repositoryFilters\" is missing.")));
  }

  @Test
  void unknownKeySuggestsClosestName() {
    PolicyCheck<ScanningConfiguration> check =
        ScanningConfiguration.check("{\"scanType\":\"BASIC\",\"rule\":[]}");

    assertThat(check.isValid()).isFalse();
    assertThat(check.value()).isNull();
    assertThat(check.violations())
        .singleElement()
        .satisfies(v -> assertThat(v.fix()).isEqualTo("Did you mean \"rules\"? Rename the key."));
  }

  @Test
  void malformedJsonReportedWithoutThrowing() {
    PolicyCheck<ScanningConfiguration> check = ScanningConfiguration.check("{\"scanType\":");

    assertThat(check.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$");
              assertThat(v.message())
                  .startsWith(
                      "The registry scanning configuration is not valid JSON: malformed JSON");
            });
  }

  @Test
  void checkReturnsViolationsAndWarnings() {
    PolicyCheck<ScanningConfiguration> check =
        ScanningConfiguration.check(
            "{\"scanType\":\"BASIC\",\"rules\":[{\"scanFrequency\":\"CONTINUOUS_SCAN\","
                + "\"repositoryFilters\":[]}]}");

    assertThat(check.parsed()).isPresent();
    assertThat(check.isValid()).isFalse();
    assertThat(check.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.rules[0].scanFrequency");
    assertThat(check.warnings())
        .extracting(PolicyWarning::path)
        .containsExactly("$.rules[0].repositoryFilters");
  }

  @Test
  void validateThrowsWithEveryViolation() {
    ScanningConfiguration scanning =
        ScanningConfiguration.of(
            ScanType.BASIC,
            List.of(ScanningRule.of(ScanFrequency.CONTINUOUS_SCAN, "Web", "ok", "bad name")));

    assertThatThrownBy(scanning::validate)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.violations()).hasSize(3);
              assertThat(e.getMessage())
                  .startsWith("Registry scanning configuration is invalid (3 violations):");
            });
  }

  /**
   * The linear-time filter pattern accepts exactly what the API model's pattern accepts, checked on
   * random short strings over the characters that matter.
   */
  @Test
  void filterPatternEqualsModelPattern() {
    Pattern model = Pattern.compile("^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$");
    Random random = new Random(20261205L);
    String alphabet = "a0*._-/A ";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      boolean expected = model.matcher(text).matches();
      accepted += expected ? 1 : 0;

      assertThat(ScanningConfigurationChecks.FILTER.matcher(text).matches())
          .as("filter %s", text)
          .isEqualTo(expected);
    }
    assertThat(accepted).as("the sample includes valid filters").isGreaterThan(1_000);
  }

  @Test
  void longFilterCheckedQuickly() {
    String adversarial = "a".repeat(254) + "-";

    long start = System.nanoTime();
    List<PolicyViolation> found =
        ScanningConfiguration.basic().scanOnPush(adversarial).violations();

    assertThat(found).hasSize(1);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  /** Generates random configurations and checks that rendering and parsing agree. */
  @Test
  void randomConfigurationsRoundTrip() {
    Random random = new Random(20261206L);
    for (int iteration = 0; iteration < 500; iteration++) {
      ScanType type = RandomText.pick(random, ScanType.values());
      List<ScanningRule> rules = new ArrayList<>();
      for (int r = 0; r < random.nextInt(4); r++) {
        List<ScanningRepositoryFilter> filters = new ArrayList<>();
        for (int f = 0; f < random.nextInt(4); f++) {
          filters.add(ScanningRepositoryFilter.wildcard(RandomText.word(random, "ab9*-/_.")));
        }
        rules.add(new ScanningRule(RandomText.pick(random, ScanFrequency.values()), filters));
      }
      ScanningConfiguration scanning = ScanningConfiguration.of(type, rules);

      ScanningConfiguration parsed = ScanningConfiguration.parse(scanning.toJson());

      assertThat(parsed).isEqualTo(scanning);
      assertThat(parsed.toJson()).isEqualTo(scanning.toJson());
      assertThat(parsed.rules()).containsExactlyElementsOf(scanning.rules());
    }
  }
}
