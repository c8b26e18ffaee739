package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The tags of a repository, as CreateRepository's {@code tags}, a template's {@code resourceTags}
 * and TagResource take them: {@code [{"Key": "team", "Value": "web"}]}.
 *
 * <pre>{@code
 * ResourceTags tags = ResourceTags.of("team", "web").with("cost-center", "4711");
 * }</pre>
 *
 * <p>The list keeps the order it was given in, and may hold duplicate keys so that parsed JSON can
 * be reported in full by {@link #violations()}. Equality ignores the order, but not a repeated tag,
 * which is invalid.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ResourceTags {

  static final String SUBJECT = "Resource tags";

  /** The maximum number of tags on one repository. */
  public static final int MAX_TAGS = 50;

  /** The maximum length of a tag key. */
  public static final int MAX_KEY_LENGTH = 128;

  /** The maximum length of a tag value. */
  public static final int MAX_VALUE_LENGTH = 256;

  /** The prefix AWS reserves for the tags it sets itself. */
  public static final String RESERVED_PREFIX = "aws:";

  // NOTE: ECR's API model gives Tag no pattern. This is the character set that IAM and most AWS
  // services document for tags: letters, digits and spaces in any script, and _ . : / = + - @.
  private static final Pattern DISALLOWED = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

  private static final ResourceTags EMPTY = new ResourceTags(List.of());
  private static final List<String> TAG_KEYS = List.of("Key", "Value");
  private static final String EXAMPLE = "[{\"Key\": \"team\", \"Value\": \"web\"}]";

  private final List<ResourceTag> tags;

  private ResourceTags(List<ResourceTag> tags) {
    this.tags = Lists.copyOf(tags, "tags");
  }

  /** Returns an empty tag list. */
  public static ResourceTags empty() {
    return EMPTY;
  }

  /** Returns a list with one tag. */
  public static ResourceTags of(String key, String value) {
    return new ResourceTags(List.of(new ResourceTag(key, value)));
  }

  /** Returns the tags of {@code map}, in its iteration order. */
  public static ResourceTags of(Map<String, String> map) {
    Objects.requireNonNull(map, "map");
    List<ResourceTag> list = new ArrayList<>();
    map.forEach((key, value) -> list.add(new ResourceTag(key, value)));
    return new ResourceTags(list);
  }

  /** Returns {@code tags} as they are, duplicates included, without validating them. */
  public static ResourceTags of(List<ResourceTag> tags) {
    return new ResourceTags(tags);
  }

  /**
   * Parses a tag list such as {@code [{"Key": "team", "Value": "web"}]}.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem
   * @throws NullPointerException if {@code json} is null
   */
  public static ResourceTags parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, parseDocument(json));
  }

  /**
   * Checks a tag list completely, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<ResourceTags> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(parseDocument(json), ResourceTags::violations, value -> List.of());
  }

  /**
   * Returns these tags with {@code key} set to {@code value}: replaced in place when the key is
   * present, appended otherwise.
   */
  @CheckReturnValue
  public ResourceTags with(String key, String value) {
    List<ResourceTag> list = new ArrayList<>();
    boolean replaced = false;
    for (ResourceTag tag : tags) {
      if (tag.key().equals(key) && !replaced) {
        list.add(new ResourceTag(key, value));
        replaced = true;
      } else {
        list.add(tag);
      }
    }
    if (!replaced) {
      list.add(new ResourceTag(key, value));
    }
    return new ResourceTags(list);
  }

  /** Returns the tags in their order. */
  public List<ResourceTag> tags() {
    return tags;
  }

  /** Returns the value of the first tag with {@code key}. */
  public Optional<String> value(String key) {
    Objects.requireNonNull(key, "key");
    return tags.stream().filter(tag -> tag.key().equals(key)).map(ResourceTag::value).findFirst();
  }

  /** Returns the tags as a map in their order; for a duplicate key, the first value wins. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(tag -> map.putIfAbsent(tag.key(), tag.value()));
    return map;
  }

  /** Returns the number of tags. */
  public int size() {
    return tags.size();
  }

  /** Returns true when there are no tags. */
  public boolean isEmpty() {
    return tags.isEmpty();
  }

  /** Lists every reason ECR would reject these tags. */
  public List<PolicyViolation> violations() {
    List<PolicyViolation> out = new ArrayList<>();
    collectViolations(out, "$");
    return List.copyOf(out);
  }

  /**
   * Checks these tags against ECR's rules.
   *
   * @return these tags, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public ResourceTags validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /** Renders the tags minified, as a JSON array of {@code Key} and {@code Value} objects. */
  public String toJson() {
    return PolicyJson.minified(toJsonArray());
  }

  /** Renders the tags indented. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonArray());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ResourceTags that && Lists.equalIgnoringOrder(tags, that.tags);
  }

  @Override
  public int hashCode() {
    return Lists.hashIgnoringOrder(tags);
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  ArrayNode toJsonArray() {
    ArrayNode array = PolicyJson.mapper().createArrayNode();
    for (ResourceTag tag : tags) {
      array.addObject().put("Key", tag.key()).put("Value", tag.value());
    }
    return array;
  }

  /** Checks the tags of the array at {@code path}. */
  void collectViolations(List<PolicyViolation> out, String path) {
    if (tags.size() > MAX_TAGS) {
      Constraints.add(
          out,
          path,
          "There are " + tags.size() + " tags; ECR allows at most " + MAX_TAGS + " per repository.",
          "Remove tags, or combine related ones into one value.");
    }
    Map<String, Integer> firstIndexByKey = new HashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      ResourceTag tag = tags.get(i);
      String tagPath = path + "[" + i + "]";
      checkKey(out, tagPath + ".Key", tag.key());
      checkValue(out, tagPath + ".Value", tag.value());
      Integer first = firstIndexByKey.putIfAbsent(tag.key(), i);
      if (first != null) {
        Constraints.add(
            out,
            tagPath + ".Key",
            "The tag key \""
                + tag.key()
                + "\" is used twice (also at "
                + path
                + "["
                + first
                + "].Key); tag keys must be unique.",
            "Keep one tag with this key.");
      }
    }
  }

  private static void checkKey(List<PolicyViolation> out, String path, String key) {
    int length = Constraints.length(key);
    if (length == 0) {
      Constraints.add(
          out,
          path,
          "A tag key is empty; ECR requires 1 to " + MAX_KEY_LENGTH + " characters.",
          "Name the key, such as \"team\".");
      return;
    }
    if (length > MAX_KEY_LENGTH) {
      Constraints.add(
          out,
          path,
          "The tag key \""
              + shortened(key)
              + "\" is "
              + Constraints.characters(length)
              + " long; ECR allows at most "
              + MAX_KEY_LENGTH
              + ".",
          "Shorten the key.");
    }
    if (key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
      Constraints.add(
          out,
          path,
          "The tag key \""
              + shortened(key)
              + "\" starts with \"aws:\", which AWS reserves for its own tags.",
          "Choose a key without the aws: prefix.");
    }
    checkCharacters(out, path, "tag key", key);
  }

  private static void checkValue(List<PolicyViolation> out, String path, String value) {
    int length = Constraints.length(value);
    if (length > MAX_VALUE_LENGTH) {
      Constraints.add(
          out,
          path,
          "The tag value \""
              + shortened(value)
              + "\" is "
              + Constraints.characters(length)
              + " long; ECR allows at most "
              + MAX_VALUE_LENGTH
              + ".",
          "Shorten the value.");
    }
    checkCharacters(out, path, "tag value", value);
  }

  private static void checkCharacters(
      List<PolicyViolation> out, String path, String what, String text) {
    Matcher matcher = DISALLOWED.matcher(text);
    if (matcher.find()) {
      Constraints.add(
          out,
          path,
          "The "
              + what
              + " \""
              + shortened(text)
              + "\" contains '"
              + matcher.group()
              + "', which AWS tags do not allow.",
          "Use only letters, digits, spaces and the characters _ . : / = + - @.");
    }
  }

  private static String shortened(String text) {
    if (Constraints.length(text) <= 60) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, 57)) + "...";
  }

  /** Reads the tag list under {@code key} of {@code parent}; absent means empty. */
  static @Nullable ResourceTags readMember(
      JsonReader reader, JsonNode parent, String key, String parentPath) {
    List<JsonNode> elements = reader.array(parent, key, parentPath, false, EXAMPLE);
    if (elements == null) {
      return parent.has(key) ? null : EMPTY;
    }
    return readElements(reader, elements, parentPath + "." + key);
  }

  private static @Nullable ResourceTags readElements(
      JsonReader reader, List<JsonNode> elements, String path) {
    int before = reader.violationCount();
    List<ResourceTag> list = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      String tagPath = path + "[" + i + "]";
      if (!element.isObject()) {
        reader.add(
            tagPath,
            "A tag must be an object, but it is " + PolicyJson.typeName(element) + ".",
            "Write it as {\"Key\": \"team\", \"Value\": \"web\"}.");
        continue;
      }
      reader.rejectUnknownKeys(element, tagPath, TAG_KEYS);
      String key = reader.string(element, "Key", tagPath, true, "a key such as \"team\"");
      String value = reader.string(element, "Value", tagPath, true, "a value such as \"web\"");
      if (key != null && value != null) {
        list.add(new ResourceTag(key, value));
      }
    }
    return reader.violationCount() > before ? null : new ResourceTags(list);
  }

  private static Documents.Parsed<ResourceTags> parseDocument(String json) {
    JsonReader reader = new JsonReader("the tag list", "TagResource");
    JsonNode root = reader.readRoot(json, EXAMPLE);
    ResourceTags value = null;
    if (root != null) {
      if (root.isArray()) {
        List<JsonNode> elements = new ArrayList<>();
        root.forEach(elements::add);
        value = readElements(reader, elements, "$");
      } else {
        reader.add(
            "$",
            "A tag list must be a JSON array, but it is " + PolicyJson.typeName(root) + ".",
            "Write the tags as " + EXAMPLE + ".");
      }
    }
    return Documents.Parsed.of(value, reader.violations());
  }
}
