package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagMutabilityTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "latest, latest, true",
    "latest, latest2, false",
    "latest, Latest, false",
    "dev-*, dev-, true",
    "dev-*, dev-123, true",
    "dev-*, xdev-1, false",
    "*-rc, 1.0-rc, true",
    "*-rc, 1.0-rc1, false",
    "v*.*, v1.2, true",
    "v*.*, v12, false",
    "*, anything, true",
    "a*b*c, abc, true",
    "a*b*c, aXbYc, true",
    "a*b*c, acb, false",
    "a*a, a, false",
    "a*a, aa, true"
  })
  void exclusionFilterMatchesWholeTag(String filter, String tag, boolean expected) {
    assertThat(ImageTagMutabilityExclusionFilter.wildcard(filter).matches(tag)).isEqualTo(expected);
  }

  @Test
  void immutableExceptExemptsMatchingTags() {
    TagMutability mutability = TagMutability.immutableExcept("latest", "dev-*");

    assertThat(mutability.isExcluded("latest")).isTrue();
    assertThat(mutability.isExcluded("dev-42")).isTrue();
    assertThat(mutability.isExcluded("v1.2.0")).isFalse();
    assertThat(mutability.isImmutable("v1.2.0")).isTrue();
    assertThat(mutability.isImmutable("latest")).isFalse();
  }

  @Test
  void mutableExceptProtectsMatchingTags() {
    TagMutability mutability = TagMutability.mutableExcept("release-*");

    assertThat(mutability.isImmutable("release-1")).isTrue();
    assertThat(mutability.isImmutable("main")).isFalse();
  }

  @Test
  void plainModesIgnoreTags() {
    assertThat(TagMutability.mutable().isImmutable("v1")).isFalse();
    assertThat(TagMutability.immutable().isImmutable("latest")).isTrue();
    assertThat(TagMutability.immutable().isExcluded("latest")).isFalse();
  }

  @Test
  void toJsonUsesPutImageTagMutabilityKeys() {
    assertThat(TagMutability.immutableExcept("latest").toJson())
        .isEqualTo(
            "{\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"imageTagMutabilityExclusionFilters\":"
                + "[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"}]}");
    assertThat(TagMutability.immutable().toJson())
        .isEqualTo("{\"imageTagMutability\":\"IMMUTABLE\"}");
  }

  @Test
  void parseRoundTripsExactly() {
    String json =
        "{\"imageTagMutability\":\"MUTABLE_WITH_EXCLUSION\",\"imageTagMutabilityExclusionFilters\":"
            + "[{\"filterType\":\"WILDCARD\",\"filter\":\"v*\"},{\"filterType\":\"WILDCARD\",\"filter\":\"prod\"}]}";

    TagMutability parsed = TagMutability.parse(json);

    assertThat(parsed.toJson()).isEqualTo(json);
    assertThat(parsed).isEqualTo(TagMutability.mutableExcept("prod", "v*"));
    assertThat(parsed.hashCode()).isEqualTo(TagMutability.mutableExcept("prod", "v*").hashCode());
  }

  @Test
  void exclusionModeWithoutFiltersRejected() {
    TagMutability mutability =
        new TagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION, List.of());

    assertThat(mutability.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.imageTagMutabilityExclusionFilters");
              assertThat(v.message())
                  .isEqualTo(
                      "Tag mutability IMMUTABLE_WITH_EXCLUSION needs 1 to 5 exclusion filters, but"
                          + " there are none.");
              assertThat(v.fix())
                  .isEqualTo(
                      "Add imageTagMutabilityExclusionFilters, such as [{\"filterType\":"
                          + " \"WILDCARD\", \"filter\": \"latest\"}], or use IMMUTABLE.");
            });
  }

  @Test
  void filtersWithPlainModeRejected() {
    TagMutability mutability =
        new TagMutability(
            ImageTagMutability.MUTABLE,
            List.of(ImageTagMutabilityExclusionFilter.wildcard("latest")));

    assertThat(mutability.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .isEqualTo(
                      "Exclusion filters are only allowed with IMMUTABLE_WITH_EXCLUSION or"
                          + " MUTABLE_WITH_EXCLUSION, but the tag mutability is MUTABLE.");
              assertThat(v.fix())
                  .isEqualTo(
                      "Remove imageTagMutabilityExclusionFilters, or use MUTABLE_WITH_EXCLUSION.");
            });
  }

  @Test
  void filterCountLimitEnforced() {
    assertThat(TagMutability.immutableExcept("a", "b", "c", "d", "e").violations()).isEmpty();
    assertThat(TagMutability.immutableExcept("a", "b", "c", "d", "e", "f").violations())
        .extracting(PolicyViolation::message)
        .containsExactly("There are 6 exclusion filters; ECR allows at most 5.");
  }

  @Test
  void filterCharactersAndLengthEnforced() {
    TagMutability mutability =
        TagMutability.immutableExcept("", "v1 beta", "a".repeat(128), "b".repeat(129));

    assertThat(mutability.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.imageTagMutabilityExclusionFilters[0].filter",
                "An exclusion filter is empty; ECR requires 1 to 128 characters."),
            tuple(
                "$.imageTagMutabilityExclusionFilters[1].filter",
                "The exclusion filter \"v1 beta\" contains characters ECR does not allow; a filter"
                    + " may contain only letters, digits, '.', '_', '-' and '*'."),
            tuple(
                "$.imageTagMutabilityExclusionFilters[3].filter",
                "The exclusion filter is 129 characters long; ECR allows at most 128."));
  }

  @Test
  void parseRejectsWrongFilterType() {
    String json =
        "{\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"imageTagMutabilityExclusionFilters\":"
            + "[{\"filterType\":\"REGEX\",\"filter\":\"latest\"},{\"filter\":\"dev\"},\"x\"],"
            + "\"repositoryName\":\"web\"}";

    assertThatThrownBy(() -> TagMutability.parse(json))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path, PolicyViolation::message)
                    .containsExactly(
                        tuple(
                            "$.repositoryName",
                            "\"repositoryName\" is a parameter of the PutImageTagMutability"
                                + " request, not part of the tag mutability setting."),
                        tuple(
                            "$.imageTagMutabilityExclusionFilters[0].filterType",
                            "\"REGEX\" is not a valid filterType; ECR supports only"
                                + " \"WILDCARD\"."),
                        tuple(
                            "$.imageTagMutabilityExclusionFilters[1].filterType",
                            "The required key \"filterType\" is missing."),
                        tuple(
                            "$.imageTagMutabilityExclusionFilters[2]",
                            "An exclusion filter must be an object, but it is a string.")));
  }

  @Test
  void parseRequiresMode() {
    assertThat(TagMutability.check("{}").violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple("$.imageTagMutability", "The required key \"imageTagMutability\" is missing."));
  }

  @Test
  void equalityCountsRepeatedFilters() {
    TagMutability twice = TagMutability.immutableExcept("latest", "latest");
    TagMutability once = TagMutability.immutableExcept("latest");

    assertThat(twice).isNotEqualTo(once);
    assertThat(TagMutability.immutableExcept("a", "b", "a"))
        .isEqualTo(TagMutability.immutableExcept("b", "a", "a"))
        .hasSameHashCodeAs(TagMutability.immutableExcept("b", "a", "a"));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsNamed() {
    assertThatThrownBy(() -> TagMutability.immutableExcept("latest", (String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("moreFilters");
    assertThatThrownBy(() -> TagMutability.mutable().isImmutable(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tag");
    assertThatThrownBy(() -> TagMutability.check(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
  }

  @Test
  void nullModeRejected() {
    assertThat(TagMutability.check("{\"imageTagMutability\":null}").violations())
        .extracting(PolicyViolation::message)
        .containsExactly("\"imageTagMutability\" is null; ECR's API accepts no null values.");
  }

  @Test
  void checkReportsSemanticViolations() {
    var check = TagMutability.check("{\"imageTagMutability\":\"MUTABLE_WITH_EXCLUSION\"}");

    assertThat(check.parsed())
        .contains(new TagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION, List.of()));
    assertThat(check.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.imageTagMutabilityExclusionFilters");
  }

  @Test
  void validateReturnsValidSetting() {
    TagMutability mutability = TagMutability.immutableExcept("latest");

    assertThat(mutability.validate()).isSameAs(mutability);
  }
}
