package dev.ecr4j.registry;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the small JSON documents of the registry API: errors, tokens and tag lists. */
final class RegistryJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RegistryJson() {}

  /** Parses {@code text}; text that is not JSON gives an empty object. */
  static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      return MAPPER.createObjectNode();
    }
  }

  static @Nullable String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isString() ? value.asString() : null;
  }
}
