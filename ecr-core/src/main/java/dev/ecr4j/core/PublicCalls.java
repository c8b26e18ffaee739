package dev.ecr4j.core;

import dev.ecr4j.core.internal.AwsJsonTransport;
import dev.ecr4j.core.internal.EcrCalls;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs ECR Public calls through the client's resilience layers ({@link EcrCalls}) and its awsJson
 * transport, and reads the fields of their responses.
 */
final class PublicCalls {

  private final EcrCalls calls;
  private final AwsJsonTransport transport;
  private final Duration deadline;

  PublicCalls(EcrCalls calls, AwsJsonTransport transport, Duration deadline) {
    this.calls = calls;
    this.transport = transport;
    this.deadline = deadline;
  }

  /** Sends {@code operation} as one logical call and returns the response body. */
  JsonNode call(String operation, ObjectNode input) {
    return calls.call(
        operation,
        override -> transport.send(operation, input, override.apiCallTimeout().orElse(deadline)));
  }

  /** Returns a new request body. */
  static ObjectNode request() {
    return AwsJsonTransport.object();
  }

  /** Returns the text at {@code key}, or an empty string when it is absent. */
  static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isString() ? value.stringValue() : "";
  }

  /** Returns the text at {@code key}, or null when it is absent or empty. */
  static @Nullable String optionalText(JsonNode node, String key) {
    String text = text(node, key);
    return text.isEmpty() ? null : text;
  }

  /** Returns the boolean at {@code key}, or false when it is absent. */
  static boolean bool(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isBoolean() && value.booleanValue();
  }

  /** Returns the strings of the array at {@code key}, or an empty list. */
  static List<String> strings(JsonNode node, String key) {
    List<String> result = new ArrayList<>();
    JsonNode array = node.get(key);
    if (array != null && array.isArray()) {
      for (JsonNode item : array) {
        if (item.isString()) {
          result.add(item.stringValue());
        }
      }
    }
    return result;
  }

  /** Returns the timestamp at {@code key}, epoch seconds with an optional fraction. */
  static Instant instant(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isNumber()) {
      return Instant.EPOCH;
    }
    BigDecimal seconds = value.decimalValue();
    long whole = seconds.longValue();
    int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  /** Renders tags as ECR Public's {@code [{"Key": ..., "Value": ...}]}. */
  static ArrayNode tagList(ObjectNode parent, String key, Map<String, String> tags) {
    ArrayNode list = parent.putArray(key);
    tags.forEach(
        (tagKey, value) -> {
          ObjectNode tag = list.addObject();
          tag.put("Key", tagKey);
          tag.put("Value", value);
        });
    return list;
  }

  /** Reads ECR Public's {@code [{"Key": ..., "Value": ...}]} tags, in their order. */
  static Map<String, String> tags(JsonNode node, String key) {
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode list = node.get(key);
    if (list != null && list.isArray()) {
      for (JsonNode tag : list) {
        tags.put(text(tag, "Key"), text(tag, "Value"));
      }
    }
    return tags;
  }
}
