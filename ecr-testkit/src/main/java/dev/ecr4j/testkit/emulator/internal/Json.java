package dev.ecr4j.testkit.emulator.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The helpers that parse requests, read their members and write responses. */
final class Json {

  private Json() {}

  /** Creates an empty object. */
  static ObjectNode object() {
    return JsonTrees.object();
  }

  /** Creates an empty array. */
  static ArrayNode array() {
    return JsonTrees.array();
  }

  /** Renders {@code node} minified. */
  static String write(JsonNode node) {
    return JsonTrees.write(node);
  }

  /**
   * Parses a request body, which must be one JSON object.
   *
   * @throws AwsError {@code SerializationException} when the body is not a JSON object
   */
  static ObjectNode readBody(String body) {
    if (body.isBlank()) {
      // The AWS CLI and SDKs always send at least {}; an empty body reads as no input.
      return object();
    }
    JsonNode node;
    try {
      node = JsonTrees.parse(body);
    } catch (JacksonException e) {
      throw AwsError.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw AwsError.serialization("The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  /**
   * Parses a document that a request carries as a string, such as a manifest or a policy.
   *
   * @return the parsed tree, or {@code null} when the text is not well-formed JSON
   */
  static @Nullable JsonNode parseDocument(String text) {
    try {
      return JsonTrees.parse(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Returns the string member {@code name}, or {@code null} when it is absent or not a string. */
  static @Nullable String text(JsonNode object, String name) {
    JsonNode node = object.get(name);
    return node != null && node.isString() ? node.stringValue() : null;
  }

  /** Returns the string member {@code name}, or {@code fallback} when it is absent. */
  static String text(JsonNode object, String name, String fallback) {
    String value = text(object, name);
    return value == null ? fallback : value;
  }

  /** Returns the integer member {@code name}, or {@code null} when it is absent. */
  static @Nullable Integer integer(JsonNode object, String name) {
    JsonNode node = object.get(name);
    return node != null && node.isIntegralNumber() ? node.intValue() : null;
  }

  /** Returns the boolean member {@code name}, or {@code fallback} when it is absent. */
  static boolean bool(JsonNode object, String name, boolean fallback) {
    JsonNode node = object.get(name);
    return node != null && node.isBoolean() ? node.booleanValue() : fallback;
  }

  /** Returns the strings of the array member {@code name}; empty when it is absent. */
  static List<String> strings(JsonNode object, String name) {
    List<String> values = new ArrayList<>();
    JsonNode node = object.get(name);
    if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        if (element.isString()) {
          values.add(element.stringValue());
        }
      }
    }
    return values;
  }

  /** Returns the objects of the array member {@code name}; empty when it is absent. */
  static List<JsonNode> objects(JsonNode object, String name) {
    List<JsonNode> values = new ArrayList<>();
    JsonNode node = object.get(name);
    if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        if (element.isObject()) {
          values.add(element);
        }
      }
    }
    return values;
  }

  /**
   * Writes {@code time} as epoch seconds with millisecond precision, the awsJson timestamp format,
   * without an exponent so that every client reads it.
   */
  static void putTime(ObjectNode target, String name, Instant time) {
    target.put(name, BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3));
  }
}
