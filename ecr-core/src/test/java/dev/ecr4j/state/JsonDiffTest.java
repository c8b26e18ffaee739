package dev.ecr4j.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonDiffTest {

  @Test
  void nestedFieldsAndArrays() {
    assertThat(
            JsonDiff.diff(
                "{\"a\":{\"b\":1,\"c\":[1,2]},\"gone\":true}",
                "{\"a\":{\"b\":2,\"c\":[1,2,3]},\"new\":\"x\"}"))
        .containsExactly(
            new FieldChange("a.b", "1", "2"),
            new FieldChange("a.c", "[1,2]", "[1,2,3]"),
            new FieldChange("gone", "true", null),
            new FieldChange("new", null, "\"x\""));
  }

  @Test
  void equalDocumentsHaveNoFields() {
    assertThat(JsonDiff.diff("{\"a\":[{\"b\":1}]}", "{\"a\":[{\"b\":1}]}")).isEmpty();
  }

  @Test
  void longValuesAreCut() {
    String longValue = "x".repeat(500);

    FieldChange change = JsonDiff.diff(null, "{\"a\":\"" + longValue + "\"}").get(0);

    assertThat(change.after()).hasSize(163).endsWith("...");
  }
}
