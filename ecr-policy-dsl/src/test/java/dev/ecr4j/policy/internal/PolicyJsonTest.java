package dev.ecr4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyJsonTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{} {}|unexpected content after the end of the JSON document at line 1, column 4",
        "{\"a\": NaN}|NaN and Infinity are not JSON numbers at line 1, column 10",
        "{/* note */ \"a\": 1}|comments are not allowed in JSON at line 1, column 2",
        "{\"a\": 1, \"a\": 2}|duplicate key at line 1, column 13: \"a\"",
        "{\"a\": }|malformed JSON at line 1, column 7"
      })
  void malformedDocumentsDescribedPlainly(String text, String expected) {
    assertThatThrownBy(() -> PolicyJson.readTree(text))
        .isInstanceOf(PolicyJson.MalformedJsonException.class)
        .message()
        .startsWith(expected)
        .doesNotContain("`")
        .doesNotContain("Feature")
        .doesNotContain("tools.jackson");
  }

  @ParameterizedTest
  @CsvSource({"2000, objects and arrays nested too deeply", "0, a number has too many digits"})
  void sizeLimitsDescribedPlainly(int depth, String expected) {
    String text =
        depth > 0 ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\": " + "9".repeat(5_000) + "}";

    assertThatThrownBy(() -> PolicyJson.readTree(text))
        .message()
        .startsWith("the document exceeds a size limit")
        .contains(expected)
        .doesNotContain("StreamReadConstraints");
  }

  @ParameterizedTest
  @CsvSource({"countUnits, countUnit", "TagStatus, tagStatus", "xyz, ''"})
  void closestSuggestsLikelyKeys(String unknown, String expected) {
    assertThat(
            PolicyJson.closest(unknown, java.util.List.of("countUnit", "tagStatus", "rulePriority"))
                .orElse(""))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1E400, 1E+400", "1.5, 1.5"})
  void hugeDecimalsShownExactly(String number, String shown) {
    assertThat(PolicyJson.shortText(PolicyJson.readTree(number))).isEqualTo(shown);
  }
}
