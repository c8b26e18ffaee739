package dev.ecr4j.testkit.emulator.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Resource tags as ECR limits them: at most 50 per resource, keys up to 128, values up to 256. */
final class Tags {

  /** ECR's limit of tags per repository (TooManyTagsException). */
  static final int MAX_TAGS = 50;

  /** Key and value lengths from ECR's InvalidTagParameterException documentation. */
  private static final int MAX_KEY_LENGTH = 128;

  private static final int MAX_VALUE_LENGTH = 256;

  private Tags() {}

  /**
   * Reads the {@code Key}/{@code Value} list of {@code tags}, checking key and value lengths.
   *
   * @throws AwsError {@code InvalidTagParameterException} for a key or value that is too long or an
   *     empty key
   */
  static Map<String, String> read(List<JsonNode> tags) {
    Map<String, String> read = new LinkedHashMap<>();
    for (JsonNode tag : tags) {
      String key = Json.text(tag, "Key", "");
      String value = Json.text(tag, "Value", "");
      if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
        throw AwsError.of(
            "InvalidTagParameterException",
            "Invalid tag key '" + key + "': a key must have 1 to 128 characters.");
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        throw AwsError.of(
            "InvalidTagParameterException",
            "Invalid tag value for key '" + key + "': a value must have at most 256 characters.");
      }
      read.put(key, value);
    }
    return read;
  }

  /**
   * Adds {@code added} to {@code target}.
   *
   * @throws AwsError {@code TooManyTagsException} when the result would exceed 50 tags; then {@code
   *     target} is unchanged
   */
  static void addAll(Map<String, String> target, Map<String, String> added) {
    Map<String, String> merged = new LinkedHashMap<>(target);
    merged.putAll(added);
    if (merged.size() > MAX_TAGS) {
      throw AwsError.of(
          "TooManyTagsException",
          "A repository can have at most 50 tags; this request would give it "
              + merged.size()
              + ".");
    }
    target.putAll(added);
  }

  /** Renders {@code tags} as ECR's {@code Key}/{@code Value} list. */
  static ArrayNode render(Map<String, String> tags) {
    ArrayNode list = Json.array();
    tags.forEach(
        (key, value) -> {
          ObjectNode tag = list.addObject();
          tag.put("Key", key);
          tag.put("Value", value);
        });
    return list;
  }
}
