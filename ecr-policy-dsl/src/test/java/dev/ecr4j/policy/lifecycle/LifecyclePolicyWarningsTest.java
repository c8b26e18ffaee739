package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecyclePolicyWarningsTest {

  @Test
  void multiEntryListWarnsAboutAnd() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder().tagged("prod*", "staging*").keepNewest(5).build();

    assertThat(policy.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.path()).isEqualTo("$.rules[0].selection.tagPatternList");
              assertThat(warning.message())
                  .isEqualTo(
                      "The 2 entries of tagPatternList are combined with AND: the rule selects"
                          + " only images that have a tag matching each of \"prod*\", \"staging*\".");
              assertThat(warning.hint()).contains("one rule per entry");
            });
  }

  @Test
  void shadowedRuleWarned() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .taggedWithPrefix("release")
            .keepNewest(5)
            .tagged("release-1.*")
            .keepNewest(2)
            .build();

    assertThat(policy.warnings())
        .extracting(PolicyWarning::rulePriority, PolicyWarning::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "$.rules[1].selection"));
  }

  @Test
  void overlappingButNotCoveringRuleNotWarned() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .tagged("release-1.*")
            .keepNewest(2)
            .taggedWithPrefix("release")
            .keepNewest(5)
            .build();

    assertThat(policy.warnings()).isEmpty();
  }

  @Test
  void keepRuleWithNothingAfterItWarned() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .untagged()
            .expireAfterDays(7)
            .taggedWithPrefix("prod")
            .keepNewest(9_999)
            .build();

    assertThat(policy.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.rulePriority()).isEqualTo(2);
              assertThat(warning.message()).contains("protects nothing");
            });
  }

  @Test
  void keepRuleBeforeOthersNotWarned() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .taggedWithPrefix("prod")
            .keepNewest(9_999)
            .anyImage()
            .keepNewest(20)
            .build();

    assertThat(policy.warnings()).isEmpty();
  }

  @Test
  void warningPathsFollowTheDocument() {
    String text =
        "{\"rules\":[{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a*\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":3},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"x*\",\"y*\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":3},\"action\":{\"type\":\"expire\"}}]}";

    assertThat(LifecyclePolicy.check(text).warnings())
        .extracting(PolicyWarning::path)
        .containsExactly("$.rules[1].selection.tagPatternList");
    assertThat(LifecyclePolicy.parse(text).warnings())
        .extracting(PolicyWarning::path)
        .containsExactly("$.rules[0].selection.tagPatternList");
  }

  @Test
  void hugePatternsCheckedQuickly() {
    String huge = "a".repeat(60_000) + "*";
    LifecyclePolicy policy =
        LifecyclePolicy.of(
            LifecycleRule.of(
                1,
                Selection.of(
                    TagStatus.TAGGED, List.of(huge), List.of(), CountType.IMAGE_COUNT_MORE_THAN, 1),
                RuleAction.EXPIRE),
            LifecycleRule.of(
                2,
                Selection.of(
                    TagStatus.TAGGED,
                    List.of(huge + "b"),
                    List.of(),
                    CountType.IMAGE_COUNT_MORE_THAN,
                    1),
                RuleAction.EXPIRE));

    assertThat(policy.warnings()).isEmpty();
    assertThat(LifecyclePolicyLinter.globIncludes(huge, huge)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "*, anything, true",
    "a*, ab*, true",
    "ab*, a*, false",
    "*a*, a*, true",
    "*a*, *b*, false",
    "a*b, a*x*b, true",
    "a*x*b, a*b, false",
    "prod, prod, true",
    "prod, prod*, false",
    "*-rc*, 1.0-rc*, true",
    "release-*, release-1.*, true"
  })
  void globInclusion(String outer, String inner, boolean expected) {
    assertThat(LifecyclePolicyLinter.globIncludes(outer, inner)).isEqualTo(expected);
  }
}
