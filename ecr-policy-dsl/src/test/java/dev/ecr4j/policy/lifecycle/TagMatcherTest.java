package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
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

  /**
   * Matches random tags against random entries through the column table, whose narrow tags are
   * decided by keys and bytes, and compares each result with a regular expression. The alphabet is
   * small so that heads, tails and inner segments often match, and lengths straddle the 8 and 16
   * characters that the keys cover.
   */
  @Test
  void columnMatchingAgreesWithRegex() {
    SplittableRandom random = new SplittableRandom(42);
    char[] alphabet = {'a', 'b', '-', '\u00e9', '\u0100'};
    for (int round = 0; round < 20_000; round++) {
      String pattern = randomText(random, alphabet, 24, true);
      boolean prefix = random.nextInt(4) == 0 && !pattern.contains("*");
      String[] tags = new String[1 + random.nextInt(3)];
      for (int t = 0; t < tags.length; t++) {
        tags[t] = randomText(random, alphabet, 26, false);
      }
      Selection selection =
          prefix
              ? Selection.of(
                  TagStatus.TAGGED, List.of(), List.of(pattern), CountType.IMAGE_COUNT_MORE_THAN, 1)
              : Selection.of(
                  TagStatus.TAGGED,
                  List.of(pattern),
                  List.of(),
                  CountType.IMAGE_COUNT_MORE_THAN,
                  1);
      Pattern reference = Pattern.compile(regex(pattern) + (prefix ? ".*" : ""), Pattern.DOTALL);
      boolean expected = false;
      for (String tag : tags) {
        expected |= reference.matcher(tag).matches();
      }

      assertThat(TagMatcher.of(selection).matches(tags))
          .as("%s %s against %s", prefix ? "prefix" : "pattern", pattern, List.of(tags))
          .isEqualTo(expected);
    }
  }

  private static String randomText(
      SplittableRandom random, char[] alphabet, int maxLength, boolean wildcards) {
    int length = (wildcards ? 1 : 0) + random.nextInt(maxLength);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      // Mostly narrow characters, so that most tags take the byte path.
      int choice = random.nextInt(wildcards ? 40 : 36);
      if (choice >= 36) {
        text.append('*');
      } else if (choice == 35) {
        text.append(alphabet[3 + random.nextInt(2)]);
      } else {
        text.append(alphabet[choice % 3]);
      }
    }
    return text.toString();
  }

  /** Translates a lifecycle tag pattern into a regular expression: {@code *} is any run. */
  private static String regex(String pattern) {
    List<String> parts = new ArrayList<>();
    for (String literal : pattern.split("\\*", -1)) {
      parts.add(Pattern.quote(literal));
    }
    return String.join(".*", parts);
  }
}
