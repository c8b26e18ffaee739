package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagMatcherTest {

  @ParameterizedTest
  @CsvSource({
    "prod*, prod, true",
    "prod*, prod1, true",
    "prod*, production-team1, true",
    "prod*, xprod, false",
    "*prod*, repo-production, true",
    "*test*1*2*3, xtest-1-2-3, true",
    "test*1*2*3*, test123, true",
    "test*1*2*3*, test21, false",
    "a*a, a, false",
    "a*a, aa, true",
    "*, x, true",
    "**, x, true",
    "v1.0, v1.0, true",
    "v1.0, v1x0, false",
    "Prod*, prod, false",
    "a?b, axb, false",
    "a?b, a?b, true"
  })
  void patternMatchesWholeTag(String pattern, String tag, boolean expected) {
    assertThat(TagMatcher.matchesPattern(pattern, tag)).isEqualTo(expected);
  }

  @Test
  void everyEntryNeedsSomeTag() {
    Selection selection =
        Selection.of(
            TagStatus.TAGGED,
            List.of("alpha*", "beta*"),
            List.of(),
            CountType.IMAGE_COUNT_MORE_THAN,
            1);
    TagMatcher matcher = TagMatcher.of(selection);

    assertThat(matcher.matches(new String[] {"alpha-1", "beta-1"})).isTrue();
    assertThat(matcher.matches(new String[] {"alpha-1"})).isFalse();
    assertThat(matcher.matches(new String[0])).isFalse();
  }

  @Test
  void oneTagMaySatisfySeveralPrefixes() {
    Selection selection =
        Selection.of(
            TagStatus.TAGGED, List.of(), List.of("re", "rel"), CountType.IMAGE_COUNT_MORE_THAN, 1);

    assertThat(TagMatcher.of(selection).matches(new String[] {"release"})).isTrue();
  }
}
