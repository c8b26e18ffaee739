package dev.ecr4j.core.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the JSON documents of the policy DSL's values, so that typed operations can move
 * their fields to and from the SDK's models by ECR's own key names.
 */
public final class DocumentJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private DocumentJson() {}

  /**
   * Parses {@code json}, which a DSL value rendered.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Returns a new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Renders {@code node} minified. */
  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Returns the text at {@code key}, or null when it is absent or not a string. */
  public static @Nullable String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isString() ? value.asString() : null;
  }
}
