package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifecyclePolicyJsonTest {

  private static final String ARCHIVE_THEN_EXPIRE =
      "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
          + "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
          + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":"
          + "\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":365},\"action\":{\"type\":\"expire\"}}]}";

  @Test
  void toJsonMatchesEcrTextExactly() {
    LifecyclePolicy policy = LifecyclePolicy.parse(ARCHIVE_THEN_EXPIRE);

    assertThat(policy.toJson()).isEqualTo(ARCHIVE_THEN_EXPIRE);
  }

  @Test
  void builderRendersEcrKeyOrder() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .tagged("release-*")
            .description("Keep the 10 newest releases")
            .keepNewest(10)
            .untagged()
            .expireAfterDays(14)
            .build();

    assertThat(policy.toJson())
        .isEqualTo(
            "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the 10 newest releases\","
                + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"release-*\"],"
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}},"
                + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                + "\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}");
  }

  @Test
  void parseSortsRulesByPriorityLikeEcr() {
    String reordered =
        "{\"rules\":[{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":5},\"action\":{\"type\":\"expire\"}},{\"rulePriority\":1,\"selection\":{\"tagStatus\":"
            + "\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    LifecyclePolicy policy = LifecyclePolicy.parse(reordered);

    assertThat(policy.rules()).extracting(LifecycleRule::rulePriority).containsExactly(1, 2);
    assertThat(LifecyclePolicy.parse(policy.toJson())).isEqualTo(policy);
  }

  @Test
  void prettyJsonParsesBackToEqualPolicy() {
    LifecyclePolicy policy = LifecyclePolicy.parse(ARCHIVE_THEN_EXPIRE);

    assertThat(policy.toPrettyJson()).contains("\n  \"rules\"");
    assertThat(LifecyclePolicy.parse(policy.toPrettyJson())).isEqualTo(policy);
  }

  @Test
  void equalityIgnoresListOrderAndDefaultStorageClass() {
    Selection written =
        new Selection(
            TagStatus.TAGGED,
            List.of("a*", "b*"),
            List.of(),
            StorageClass.STANDARD,
            CountType.IMAGE_COUNT_MORE_THAN,
            null,
            3);
    Selection implicit =
        new Selection(
            TagStatus.TAGGED,
            List.of("b*", "a*"),
            List.of(),
            null,
            CountType.IMAGE_COUNT_MORE_THAN,
            null,
            3);

    assertThat(written).isEqualTo(implicit);
    assertThat(written.hashCode()).isEqualTo(implicit.hashCode());
    assertThat(LifecyclePolicy.of(LifecycleRule.of(1, written, RuleAction.EXPIRE)))
        .isEqualTo(LifecyclePolicy.of(LifecycleRule.of(1, implicit, RuleAction.EXPIRE)));
  }

  @Test
  void explicitStandardStorageClassSurvivesRoundTrip() {
    String text =
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"storageClass\":\"standard\","
            + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},\"action\":{\"type\":\"expire\"}}]}";

    assertThat(LifecyclePolicy.parse(text).toJson()).isEqualTo(text);
  }

  @Test
  void repeatedEntriesAreNotEqual() {
    Selection once =
        Selection.of(
            TagStatus.TAGGED, List.of("a*"), List.of(), CountType.IMAGE_COUNT_MORE_THAN, 1);
    Selection twice =
        Selection.of(
            TagStatus.TAGGED, List.of("a*", "a*"), List.of(), CountType.IMAGE_COUNT_MORE_THAN, 1);

    assertThat(once).isNotEqualTo(twice);
    assertThat(LifecyclePolicy.of(LifecycleRule.of(1, twice, RuleAction.EXPIRE)).warnings())
        .extracting(dev.ecr4j.policy.PolicyWarning::path)
        .containsExactly("$.rules[0].selection.tagPatternList[1]");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsNamed() {
    assertThatThrownBy(() -> LifecyclePolicy.check(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
    assertThatThrownBy(() -> LifecyclePolicy.of(java.util.Arrays.asList((LifecycleRule) null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rules[0] is null");
    assertThatThrownBy(
            () ->
                new Selection(
                    TagStatus.ANY, null, List.of(), null, CountType.IMAGE_COUNT_MORE_THAN, null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tagPatternList is null; use List.of() for no entries");
    assertThatThrownBy(
            () -> LifecycleImage.of("sha256:" + "a".repeat(64), java.time.Instant.EPOCH, "a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tags[1] is null");
  }

  @Test
  void unknownKeyRejectedWithSuggestion() {
    String text =
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
            + "\"countUnits\":\"days\",\"countNumber\":7},\"action\":{\"type\":\"expire\"}}]}";

    assertThatThrownBy(() -> LifecyclePolicy.parse(text))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.violations()).hasSize(1);
              PolicyViolation violation = e.violations().get(0);
              assertThat(violation.path()).isEqualTo("$.rules[0].selection.countUnits");
              assertThat(violation.rulePriority()).isEqualTo(1);
              assertThat(violation.fix()).isEqualTo("Did you mean \"countUnit\"? Rename the key.");
            });
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String text =
        "{\"rules\":[{\"rulePriority\":\"1\",\"selection\":{\"tagStatus\":\"TAGGED\",\"tagPrefixList\":[],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1.5},\"action\":{\"type\":\"expire\","
            + "\"targetStorageClass\":null}},{\"selection\":{}}],\"extra\":true}";

    InvalidPolicyException e =
        (InvalidPolicyException) catchInvalid(() -> LifecyclePolicy.parse(text));

    assertThat(e.violations())
        .extracting(PolicyViolation::path)
        .containsExactlyInAnyOrder(
            "$.extra",
            "$.rules[0].rulePriority",
            "$.rules[0].selection.tagStatus",
            "$.rules[0].selection.tagPrefixList",
            "$.rules[0].selection.countNumber",
            "$.rules[0].action.targetStorageClass",
            "$.rules[1].rulePriority",
            "$.rules[1].selection.tagStatus",
            "$.rules[1].selection.countType",
            "$.rules[1].selection.countNumber",
            "$.rules[1].action");
    assertThat(e.getMessage()).startsWith("Lifecycle policy is invalid (11 violations):");
    assertThat(e.violations().stream().filter(v -> v.path().endsWith("targetStorageClass")))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.ecrMessage())
                    .isEqualTo(
                        "Lifecycle policy validation failure: instance failed to match exactly one"
                            + " schema (matched 0 out of 2)"));
    assertThat(e.violations().stream().filter(v -> v.path().endsWith("tagStatus")).findFirst())
        .get()
        .satisfies(v -> assertThat(v.fix()).isEqualTo("Write \"tagged\"."));
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
        "{\"rules\":[],\"rules\":[]}"
      })
  void malformedDocumentsRejectedWithoutCrash(String text) {
    LifecyclePolicyCheck check = LifecyclePolicy.check(text);

    assertThat(check.isValid()).isFalse();
    assertThat(check.violations()).isNotEmpty();
    assertThat(check.violations())
        .allSatisfy(
            violation -> {
              assertThat(violation.message()).isNotBlank();
              assertThat(violation.fix()).isNotBlank();
            });
  }

  @Test
  void hugeIntegerReportedAsOutOfRange() {
    String text =
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":99999999999999999999},\"action\":{\"type\":\"expire\"}}]}";

    LifecyclePolicyCheck check = LifecyclePolicy.check(text);

    assertThat(check.violations())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo(
                        "\"countNumber\" is 99999999999999999999, outside the 32-bit integer range."));
  }

  /** Generates random structurally valid policies and checks that rendering and parsing agree. */
  @Test
  void randomPoliciesRoundTrip() {
    Random random = new Random(20261204L);
    for (int iteration = 0; iteration < 2_000; iteration++) {
      LifecyclePolicy policy = randomPolicy(random);

      LifecyclePolicy parsed = LifecyclePolicy.parse(policy.toJson());

      assertThat(parsed).isEqualTo(policy);
      assertThat(parsed.toJson()).isEqualTo(policy.toJson());
      assertThat(LifecyclePolicy.parse(policy.toPrettyJson()).toJson()).isEqualTo(policy.toJson());
      assertThat(parsed.rules())
          .as("rules keep their description and explicit storage class")
          .containsExactlyElementsOf(policy.rules());
    }
  }

  static LifecyclePolicy randomPolicy(Random random) {
    int count = 1 + random.nextInt(8);
    List<LifecycleRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TagStatus status = TagStatus.values()[random.nextInt(3)];
      List<String> patterns = List.of();
      List<String> prefixes = List.of();
      if (status == TagStatus.TAGGED) {
        List<String> tags = new ArrayList<>();
        for (int t = 0; t <= random.nextInt(3); t++) {
          tags.add(randomTag(random));
        }
        if (random.nextBoolean()) {
          patterns = tags;
        } else {
          prefixes = tags;
        }
      }
      CountType countType = CountType.values()[random.nextInt(4)];
      StorageClass storage =
          countType == CountType.SINCE_IMAGE_TRANSITIONED
              ? StorageClass.ARCHIVE
              : (random.nextInt(4) == 0 ? StorageClass.STANDARD : null);
      CountUnit unit = countType == CountType.IMAGE_COUNT_MORE_THAN ? null : CountUnit.DAYS;
      Selection selection =
          new Selection(
              status, patterns, prefixes, storage, countType, unit, 1 + random.nextInt(10_000));
      RuleAction action =
          random.nextBoolean() ? RuleAction.EXPIRE : RuleAction.TRANSITION_TO_ARCHIVE;
      String description =
          random.nextInt(3) == 0 ? null : "rule \"" + i + "\" \u00e9\u2603\n\ttab \\ slash";
      rules.add(new LifecycleRule(1 + random.nextInt(100), description, selection, action));
    }
    return LifecyclePolicy.of(rules);
  }

  private static String randomTag(Random random) {
    String alphabet = "abcXYZ019-_.*";
    StringBuilder tag = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      tag.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return tag.toString();
  }

  private static Throwable catchInvalid(Runnable runnable) {
    try {
      runnable.run();
    } catch (InvalidPolicyException e) {
      return e;
    }
    throw new AssertionError("expected an InvalidPolicyException");
  }
}
