package dev.ecr4j.state;

import dev.ecr4j.core.internal.DocumentJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lists the fields in which two JSON documents differ, for the rendering of a plan. Both documents
 * come from the DSL's deterministic rendering, so equal content renders equal text. The planner
 * decides with the DSL's semantic equality, and this list is only shown.
 */
final class JsonDiff {

  /** Longer values are cut, so that one field cannot flood a plan. */
  private static final int MAX_VALUE_LENGTH = 160;

  /** A document that differs everywhere is summarized after this many fields. */
  private static final int MAX_FIELDS = 40;

  private JsonDiff() {}

  /**
   * Lists the differences between {@code before} and {@code after}, either of which may be null.
   */
  static List<FieldChange> diff(@Nullable String before, @Nullable String after) {
    List<FieldChange> out = new ArrayList<>();
    diff(
        "",
        before == null ? null : DocumentJson.read(before),
        after == null ? null : DocumentJson.read(after),
        out);
    if (out.size() > MAX_FIELDS) {
      int hidden = out.size() - MAX_FIELDS;
      List<FieldChange> shortened = new ArrayList<>(out.subList(0, MAX_FIELDS));
      shortened.add(new FieldChange("...", null, hidden + " more fields differ"));
      return shortened;
    }
    return out;
  }

  /** Lists every leaf field of {@code document} as set, for a resource that is created. */
  static List<FieldChange> fields(String document) {
    return diff(null, document);
  }

  /** Renders a value as compact JSON, cut to a readable length. */
  static String display(JsonNode value) {
    return shorten(DocumentJson.write(value));
  }

  /** Cuts {@code text} to a readable length. */
  static String shorten(String text) {
    return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
  }

  private static void diff(
      String path, @Nullable JsonNode before, @Nullable JsonNode after, List<FieldChange> out) {
    if (before != null && after != null && before.equals(after)) {
      return;
    }
    if (isObject(before) || isObject(after)) {
      if (isObject(before) && isObject(after) || before == null || after == null) {
        Set<String> keys = new LinkedHashSet<>();
        if (before != null) {
          keys.addAll(before.propertyNames());
        }
        if (after != null) {
          keys.addAll(after.propertyNames());
        }
        for (String key : keys) {
          diff(
              join(path, key),
              before == null ? null : before.get(key),
              after == null ? null : after.get(key),
              out);
        }
        return;
      }
    }
    if (before != null
        && after != null
        && before.isArray()
        && after.isArray()
        && before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        diff(path + "[" + i + "]", before.get(i), after.get(i), out);
      }
      return;
    }
    if (before == null && after != null && after.isArray() && containsObjects(after)) {
      for (int i = 0; i < after.size(); i++) {
        diff(path + "[" + i + "]", null, after.get(i), out);
      }
      return;
    }
    out.add(
        new FieldChange(
            path.isEmpty() ? "(document)" : path,
            before == null ? null : display(before),
            after == null ? null : display(after)));
  }

  private static boolean isObject(@Nullable JsonNode node) {
    return node != null && node.isObject();
  }

  private static boolean containsObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isObject()) {
        return true;
      }
    }
    return false;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
