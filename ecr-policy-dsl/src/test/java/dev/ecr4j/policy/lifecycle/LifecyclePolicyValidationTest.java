package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ECR's validation rules, including the rejections reported against real ECR with their exact
 * messages: countUnit on a count rule, a null targetStorageClass, two untagged rules, an any rule
 * that is not last, a tagged rule without a list, and placeholder values.
 */
class LifecyclePolicyValidationTest {

  private static List<PolicyViolation> violations(String json) {
    return LifecyclePolicy.check(json).violations();
  }

  private static String rule(int priority, String selection, String action) {
    return "{\"rulePriority\":"
        + priority
        + ",\"selection\":{"
        + selection
        + "},\"action\":"
        + action
        + "}";
  }

  private static String policy(String... rules) {
    return "{\"rules\":[" + String.join(",", rules) + "]}";
  }

  private static final String EXPIRE = "{\"type\":\"expire\"}";
  private static final String ARCHIVE =
      "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}";

  @Test
  void countUnitOnCountRuleRejected() {
    List<PolicyViolation> found =
        violations(
            policy(
                rule(
                    1,
                    "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":5",
                    EXPIRE)));

    assertThat(found)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].selection.countUnit");
              assertThat(v.fix()).isEqualTo("Remove \"countUnit\".");
            });
  }

  @Test
  void nullTargetStorageClassRejectedWithEcrText() {
    List<PolicyViolation> found =
        violations(
            policy(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5",
                    "{\"type\":\"expire\",\"targetStorageClass\":null}")));

    assertThat(found)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].action.targetStorageClass");
              assertThat(v.ecrMessage())
                  .isEqualTo(
                      "Lifecycle policy validation failure: instance failed to match exactly one schema"
                          + " (matched 0 out of 2)");
            });
  }

  @Test
  void twoUntaggedRulesRejectedWithEcrText() {
    List<PolicyViolation> found =
        violations(
            policy(
                rule(
                    1,
                    "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5",
                    EXPIRE),
                rule(
                    2,
                    "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30",
                    EXPIRE)));

    assertThat(found)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.rulePriority()).isEqualTo(2);
              assertThat(v.ecrMessage())
                  .isEqualTo(
                      "Lifecycle policy validation failure: Only one rule can select Untagged images per"
                          + " storage class.");
            });
  }

  @Test
  void untaggedRulesInDifferentStorageClassesAllowed() {
    assertThat(
            violations(
                policy(
                    rule(
                        1,
                        "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30",
                        ARCHIVE),
                    rule(
                        2,
                        "\"tagStatus\":\"untagged\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":90",
                        EXPIRE))))
        .isEmpty();
  }

  @Test
  void anyRuleBeforeOthersRejectedWithEcrText() {
    List<PolicyViolation> found =
        violations(
            policy(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5",
                    EXPIRE),
                rule(
                    2,
                    "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":3",
                    EXPIRE)));

    assertThat(found)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.rules[0].rulePriority");
              assertThat(v.fix()).isEqualTo("Give this rule a rulePriority greater than 2.");
              assertThat(v.ecrMessage())
                  .isEqualTo(
                      "Lifecycle policy validation failure: Rule for tagStatus=ANY must have the lowest"
                          + " priority per storage class");
            });
  }

  @Test
  void taggedWithoutListRejectedWithEcrText() {
    List<PolicyViolation> found =
        violations(
            policy(
                rule(
                    1,
                    "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
                    EXPIRE)));

    assertThat(found)
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.ecrMessage())
                    .isEqualTo(
                        "Lifecycle policy validation failure: Must specify tagPrefixList or tagPatternList when"
                            + " tagStatus=TAGGED."));
  }

  @Test
  void placeholderValuesRejected() {
    List<PolicyViolation> found =
        violations(
            policy(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"null\",\"countNumber\":5,"
                        + "\"tagPrefixList\":[],\"tagPatternList\":[]",
                    EXPIRE)));

    assertThat(found)
        .extracting(PolicyViolation::path)
        .containsExactlyInAnyOrder(
            "$.rules[0].selection.countUnit",
            "$.rules[0].selection.tagPrefixList",
            "$.rules[0].selection.tagPatternList");
  }

  @Test
  void documentedRulesWithoutKnownTextRejected() {
    String both =
        rule(
            1,
            "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\"],\"tagPatternList\":[\"b*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);
    String listOnUntagged =
        rule(
            2,
            "\"tagStatus\":\"untagged\",\"tagPrefixList\":[\"a\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);
    String tooManyWildcards =
        rule(
            3,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"test*1*2*3*4*5*6\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);
    String pulledExpire =
        rule(
            4,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"x*\"],\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":30",
            EXPIRE);
    String transitionedWithoutArchive =
        rule(
            5,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"y*\"],\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":120",
            EXPIRE);
    String tooSoon =
        rule(
            6,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"z*\"],\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":30",
            EXPIRE);
    String transitionFromArchive =
        rule(
            7,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"w*\"],\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":100",
            ARCHIVE);
    String archiveCount =
        rule(
            8,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"v*\"],\"storageClass\":\"archive\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);
    String transitionWithoutTarget =
        rule(
            9,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"u*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            "{\"type\":\"transition\"}");
    String sinceWithoutUnit =
        rule(
            10,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"t*\"],\"countType\":\"sinceImagePushed\",\"countNumber\":3",
            EXPIRE);
    String zeroCount =
        rule(
            11,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"s*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":0",
            EXPIRE);
    String zeroPriority =
        rule(
            0,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"r*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":2",
            EXPIRE);
    String duplicatePriority =
        rule(
            11,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"q*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":2",
            EXPIRE);
    String sameList =
        rule(
            12,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"q*\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":9",
            EXPIRE);

    List<PolicyViolation> found =
        violations(
            policy(
                both,
                listOnUntagged,
                tooManyWildcards,
                pulledExpire,
                transitionedWithoutArchive,
                tooSoon,
                transitionFromArchive,
                archiveCount,
                transitionWithoutTarget,
                sinceWithoutUnit,
                zeroCount,
                zeroPriority,
                duplicatePriority,
                sameList));

    assertThat(found)
        .extracting(PolicyViolation::path)
        .containsExactlyInAnyOrder(
            "$.rules[0].selection",
            "$.rules[1].selection.tagPrefixList",
            "$.rules[2].selection.tagPatternList[0]",
            "$.rules[3].action.type",
            "$.rules[4].selection.storageClass",
            "$.rules[5].selection.countNumber",
            "$.rules[6].action.type",
            "$.rules[7].selection.storageClass",
            "$.rules[8].action.targetStorageClass",
            "$.rules[9].selection.countUnit",
            "$.rules[10].selection.countNumber",
            "$.rules[11].rulePriority",
            "$.rules[12].rulePriority",
            "$.rules[13].selection");
    assertThat(found).allSatisfy(v -> assertThat(v.fix()).isNotBlank());
  }

  @Test
  void emptyEntryInModelRejected() {
    LifecyclePolicy policy =
        LifecyclePolicy.of(
            LifecycleRule.of(
                1,
                Selection.of(
                    TagStatus.TAGGED, List.of(), List.of(""), CountType.IMAGE_COUNT_MORE_THAN, 1),
                RuleAction.EXPIRE));

    assertThat(policy.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.rules[0].selection.tagPrefixList[0]");
  }

  @Test
  void maximumPatternWildcardsAllowed() {
    String rule =
        rule(
            1,
            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*test*1*2*3\",\"test*1*2*3*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);

    assertThat(violations(policy(rule))).isEmpty();
  }

  @Test
  void ruleCountLimitEnforced() {
    List<String> rules = new ArrayList<>();
    for (int i = 1; i <= 51; i++) {
      rules.add(
          rule(
              i,
              "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"p"
                  + i
                  + "\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
              EXPIRE));
    }

    assertThat(violations(policy(rules.toArray(new String[0]))))
        .extracting(PolicyViolation::message)
        .containsExactly("The policy has 51 rules; ECR allows at most 50 per policy.");
    assertThat(violations(policy(rules.subList(0, 50).toArray(new String[0])))).isEmpty();
  }

  @Test
  void emptyRuleListRejected() {
    assertThat(violations("{\"rules\":[]}"))
        .extracting(PolicyViolation::path)
        .containsExactly("$.rules");
  }

  @Test
  void textLengthLimitEnforced() {
    String longDescription = "d".repeat(LifecyclePolicyValidator.MAX_TEXT_LENGTH);
    String rule =
        "{\"rulePriority\":1,\"description\":\""
            + longDescription
            + "\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3},\"action\":"
            + EXPIRE
            + "}";

    assertThat(violations(policy(rule)))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("ECR allows at most 30720"));
  }

  @Test
  void validationPathsUseDocumentOrder() {
    String second =
        rule(
            1,
            "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);
    String first =
        rule(
            2,
            "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);

    assertThat(violations(policy(first, second)))
        .extracting(PolicyViolation::path)
        .containsExactly("$.rules[1].selection.tagStatus");
  }

  @Test
  void violationsInDocumentOrder() {
    String first =
        rule(
            1,
            "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0",
            EXPIRE);
    String second =
        rule(
            2,
            "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
            EXPIRE);
    String third =
        rule(
            3,
            "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":\"x\"",
            EXPIRE);

    assertThat(violations(policy(first, second, third)))
        .extracting(PolicyViolation::path)
        .containsExactly(
            "$.rules[0].selection.countNumber",
            "$.rules[1].selection.tagStatus",
            "$.rules[2].selection.countNumber");
  }

  @Test
  void malformedJsonMessageIsClean() {
    assertThat(violations("{\"rules\": [ {\"rulePriority\": 1,"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .startsWith("The lifecycle policy is not valid JSON: malformed JSON at line 1");
              assertThat(v.message()).doesNotContain("REDACTED").doesNotContain("start marker");
            });
  }

  @Test
  void violationToStringIsOneSearchableLine() {
    PolicyViolation violation =
        violations(
                policy(
                    rule(
                        3,
                        "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3",
                        EXPIRE)))
            .get(0);

    assertThat(violation.toString())
        .isEqualTo(
            "rule 3: $.rules[0].selection.tagStatus: A rule with tagStatus \"tagged\" needs a"
                + " tagPatternList or a tagPrefixList. Fix: Add \"tagPatternList\": [\"*\"] to"
                + " select every tagged image, or list the tags to select. (ECR reports:"
                + " \"Lifecycle policy validation failure: Must specify tagPrefixList or"
                + " tagPatternList when tagStatus=TAGGED.\")")
        .doesNotContain("\n");
  }
}
