package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTagsTest {

  @Test
  void toJsonUsesCapitalizedKeys() {
    ResourceTags tags = ResourceTags.of("team", "web").with("cost-center", "");

    assertThat(tags.toJson())
        .isEqualTo(
            "[{\"Key\":\"team\",\"Value\":\"web\"},{\"Key\":\"cost-center\",\"Value\":\"\"}]");
  }

  @Test
  void withReplacesExistingKey() {
    ResourceTags tags = ResourceTags.of("team", "web").with("env", "dev").with("team", "api");

    assertThat(tags.asMap()).containsExactly(Map.entry("team", "api"), Map.entry("env", "dev"));
    assertThat(tags.value("team")).contains("api");
    assertThat(tags.value("owner")).isEmpty();
  }

  @Test
  void equalityIgnoresOrder() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("b", "2");
    map.put("a", "1");

    assertThat(ResourceTags.of(map)).isEqualTo(ResourceTags.of("a", "1").with("b", "2"));
    assertThat(ResourceTags.of(map).hashCode())
        .isEqualTo(ResourceTags.of("a", "1").with("b", "2").hashCode());
    assertThat(ResourceTags.of(map)).isNotEqualTo(ResourceTags.of("a", "1"));
  }

  @Test
  void equalityCountsRepeatedTags() {
    ResourceTag a = ResourceTag.of("a", "1");
    ResourceTag b = ResourceTag.of("b", "2");
    ResourceTags aab = ResourceTags.of(List.of(a, a, b));
    ResourceTags abb = ResourceTags.of(List.of(a, b, b));

    assertThat(aab).isNotEqualTo(abb);
    assertThat(aab.toJson()).isNotEqualTo(abb.toJson());
    assertThat(aab)
        .isEqualTo(ResourceTags.of(List.of(b, a, a)))
        .hasSameHashCodeAs(ResourceTags.of(List.of(b, a, a)));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsNamed() {
    assertThatThrownBy(() -> ResourceTags.of((List<ResourceTag>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tags");
    assertThatThrownBy(() -> ResourceTags.of(Arrays.asList(ResourceTag.of("a", "1"), null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tags must not contain null");
    assertThatThrownBy(() -> ResourceTags.check(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
  }

  @Test
  void parseRoundTripsExactly() {
    String json =
        "[{\"Key\":\"team\",\"Value\":\"web \\u00e9\"},{\"Key\":\"a:b/c=d+e-f@g\",\"Value\":\"x\"}]";

    ResourceTags parsed = ResourceTags.parse(json);

    assertThat(parsed.tags())
        .containsExactly(
            ResourceTag.of("team", "web \u00e9"), ResourceTag.of("a:b/c=d+e-f@g", "x"));
    assertThat(ResourceTags.parse(parsed.toJson())).isEqualTo(parsed);
    assertThat(parsed.violations()).isEmpty();
  }

  @Test
  void fiftyTagsAllowed() {
    assertThat(ResourceTags.of(numberedTags(50)).violations()).isEmpty();
  }

  @Test
  void fiftyOneTagsRejected() {
    assertThat(ResourceTags.of(numberedTags(51)).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$");
              assertThat(v.message())
                  .isEqualTo("There are 51 tags; ECR allows at most 50 per repository.");
            });
  }

  @Test
  void keyAndValueLengthsEnforced() {
    ResourceTags tags =
        ResourceTags.of(
            List.of(
                ResourceTag.of("", "v"),
                ResourceTag.of("k".repeat(128), "v".repeat(256)),
                ResourceTag.of("k".repeat(129), "v".repeat(257))));

    assertThat(tags.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple("$[0].Key", "A tag key is empty; ECR requires 1 to 128 characters."),
            tuple(
                "$[2].Key",
                "The tag key \""
                    + "k".repeat(57)
                    + "...\" is 129 characters long; ECR allows at most 128."),
            tuple(
                "$[2].Value",
                "The tag value \""
                    + "v".repeat(57)
                    + "...\" is 257 characters long; ECR allows at most 256."));
  }

  @Test
  void lengthCountsCodePoints() {
    String boldA = "\uD835\uDC00"; // U+1D400, a letter outside the Basic Multilingual Plane

    assertThat(ResourceTags.of("k", boldA.repeat(256)).violations()).isEmpty();
    assertThat(ResourceTags.of("k", boldA.repeat(257)).violations()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws:cloudformation:stack", "AWS:team", "Aws:x"})
  void reservedPrefixRejected(String key) {
    assertThat(ResourceTags.of(key, "v").violations())
        .extracting(PolicyViolation::message)
        .containsExactly(
            "The tag key \""
                + key
                + "\" starts with \"aws:\", which AWS reserves for its own tags.");
  }

  @Test
  void awsInsideKeyAllowed() {
    assertThat(ResourceTags.of("team:aws:owner", "aws:x").violations()).isEmpty();
  }

  @Test
  void disallowedCharacterRejected() {
    assertThat(ResourceTags.of("cost#center", "a,b").violations())
        .extracting(PolicyViolation::path, PolicyViolation::message, PolicyViolation::fix)
        .containsExactly(
            tuple(
                "$[0].Key",
                "The tag key \"cost#center\" contains '#', which AWS tags do not allow.",
                "Use only letters, digits, spaces and the characters _ . : / = + - @."),
            tuple(
                "$[0].Value",
                "The tag value \"a,b\" contains ',', which AWS tags do not allow.",
                "Use only letters, digits, spaces and the characters _ . : / = + - @."));
  }

  @Test
  void duplicateKeyRejected() {
    ResourceTags tags =
        ResourceTags.of(List.of(ResourceTag.of("team", "a"), ResourceTag.of("team", "b")));

    assertThat(tags.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$[1].Key",
                "The tag key \"team\" is used twice (also at $[0].Key); tag keys must be unique."));
  }

  @Test
  void keysDifferingInCaseAreDistinct() {
    assertThat(ResourceTags.of("Team", "a").with("team", "b").violations()).isEmpty();
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String json = "[{\"key\":\"team\",\"Value\":\"web\"},{\"Key\":\"a\",\"Value\":1},\"x\"]";

    assertThatThrownBy(() -> ResourceTags.parse(json))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path, PolicyViolation::fix)
                    .containsExactly(
                        tuple("$[0].key", "Did you mean \"Key\"? Rename the key."),
                        tuple("$[0].Key", "Add \"Key\" with a key such as \"team\"."),
                        tuple("$[1].Value", "Write it as a value such as \"web\"."),
                        tuple("$[2]", "Write it as {\"Key\": \"team\", \"Value\": \"web\"}.")));
  }

  @Test
  void parseRejectsObjectRoot() {
    assertThat(ResourceTags.check("{\"team\":\"web\"}").violations())
        .extracting(PolicyViolation::message)
        .containsExactly("A tag list must be a JSON array, but it is an object.");
  }

  private static List<ResourceTag> numberedTags(int count) {
    List<ResourceTag> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tags.add(ResourceTag.of("key" + i, "value" + i));
    }
    return tags;
  }
}
