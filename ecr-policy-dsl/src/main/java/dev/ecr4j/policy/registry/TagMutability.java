package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repository's tag mutability: the {@code imageTagMutability} mode with its {@code
 * imageTagMutabilityExclusionFilters}, as PutImageTagMutability, CreateRepository and repository
 * creation templates take them.
 *
 * <pre>{@code
 * TagMutability releases = TagMutability.immutableExcept("latest", "dev-*");
 * releases.isImmutable("v1.2.0"); // true
 * releases.isImmutable("latest"); // false: an exclusion filter matches it
 * }</pre>
 *
 * <p>The record accepts any combination, valid or not, so that parsed JSON can be reported in full
 * by {@link #violations()}. Equality ignores the order of the filters but not a repeated filter,
 * which changes the JSON and counts towards ECR's limit of five.
 *
 * @param mode the mutability mode
 * @param exclusionFilters the filters that exempt tags from {@code mode}; ECR requires 1 to 5 for
 *     the {@code *_WITH_EXCLUSION} modes and none for the others
 */
public record TagMutability(
    ImageTagMutability mode, List<ImageTagMutabilityExclusionFilter> exclusionFilters) {

  static final String SUBJECT = "Tag mutability";

  /** The maximum number of exclusion filters, from the API model. */
  public static final int MAX_EXCLUSION_FILTERS = 5;

  /** The maximum length of one exclusion filter, from the API model. */
  public static final int MAX_FILTER_LENGTH = 128;

  /** The {@code ImageTagMutabilityExclusionFilterValue} characters of the API model. */
  private static final Pattern FILTER_CHARACTERS = Pattern.compile("[0-9a-zA-Z._*-]*");

  static final String MODE_KEY = "imageTagMutability";
  static final String FILTERS_KEY = "imageTagMutabilityExclusionFilters";
  private static final List<String> FILTER_KEYS = List.of("filterType", "filter");
  private static final String EXAMPLE =
      "{\"imageTagMutability\": \"IMMUTABLE_WITH_EXCLUSION\", \"imageTagMutabilityExclusionFilters\":"
          + " [{\"filterType\": \"WILDCARD\", \"filter\": \"latest\"}]}";
  private static final String FILTERS_EXAMPLE =
      "[{\"filterType\": \"WILDCARD\", \"filter\": \"latest\"}]";

  public TagMutability {
    Objects.requireNonNull(mode, "mode");
    exclusionFilters = Lists.copyOf(exclusionFilters, "exclusionFilters");
  }

  /** Returns ECR's default: every tag can be overwritten. */
  public static TagMutability mutable() {
    return new TagMutability(ImageTagMutability.MUTABLE, List.of());
  }

  /** Returns a mode in which no tag can be overwritten. */
  public static TagMutability immutable() {
    return new TagMutability(ImageTagMutability.IMMUTABLE, List.of());
  }

  /**
   * Returns a mode in which no tag can be overwritten except those matching one of the wildcard
   * filters, such as {@code "latest"} or {@code "dev-*"}.
   */
  public static TagMutability immutableExcept(String filter, String... moreFilters) {
    return of(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION, filter, moreFilters);
  }

  /** Returns a mode in which every tag can be overwritten except those matching a filter. */
  public static TagMutability mutableExcept(String filter, String... moreFilters) {
    return of(ImageTagMutability.MUTABLE_WITH_EXCLUSION, filter, moreFilters);
  }

  /**
   * Parses an object with {@code imageTagMutability} and, optionally, {@code
   * imageTagMutabilityExclusionFilters}.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem
   * @throws NullPointerException if {@code json} is null
   */
  public static TagMutability parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, parseDocument(json));
  }

  /**
   * Checks tag mutability JSON completely, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<TagMutability> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(parseDocument(json), TagMutability::violations, value -> List.of());
  }

  /** Returns true when one of the exclusion filters matches the whole of {@code tag}. */
  public boolean isExcluded(String tag) {
    Objects.requireNonNull(tag, "tag");
    for (ImageTagMutabilityExclusionFilter filter : exclusionFilters) {
      if (filter.matches(tag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns true when ECR rejects a push that would move {@code tag} to another image: always with
   * {@code IMMUTABLE}, never with {@code MUTABLE}, and with the {@code *_WITH_EXCLUSION} modes when
   * the tag matches an exclusion filter, or does not, respectively.
   */
  public boolean isImmutable(String tag) {
    Objects.requireNonNull(tag, "tag");
    return switch (mode) {
      case MUTABLE -> false;
      case IMMUTABLE -> true;
      case IMMUTABLE_WITH_EXCLUSION -> !isExcluded(tag);
      case MUTABLE_WITH_EXCLUSION -> isExcluded(tag);
    };
  }

  /** Lists every reason ECR would reject this setting. */
  public List<PolicyViolation> violations() {
    List<PolicyViolation> out = new ArrayList<>();
    collectViolations(out, "$");
    return List.copyOf(out);
  }

  /**
   * Checks this setting against ECR's rules.
   *
   * @return this setting, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public TagMutability validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /** Renders the setting minified, with the keys of PutImageTagMutability. */
  public String toJson() {
    ObjectNode node = PolicyJson.object();
    writeTo(node);
    return PolicyJson.minified(node);
  }

  /** Renders the setting indented. */
  public String toPrettyJson() {
    ObjectNode node = PolicyJson.object();
    writeTo(node);
    return PolicyJson.pretty(node);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TagMutability that
        && mode == that.mode
        && Lists.equalIgnoringOrder(exclusionFilters, that.exclusionFilters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, Lists.hashIgnoringOrder(exclusionFilters));
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  /** Writes the two keys into {@code parent}, leaving out an empty filter list. */
  void writeTo(ObjectNode parent) {
    parent.put(MODE_KEY, mode.name());
    if (!exclusionFilters.isEmpty()) {
      ArrayNode filters = parent.putArray(FILTERS_KEY);
      for (ImageTagMutabilityExclusionFilter filter : exclusionFilters) {
        filters
            .addObject()
            .put("filterType", ImageTagMutabilityExclusionFilter.FILTER_TYPE)
            .put("filter", filter.filter());
      }
    }
  }

  /** Checks the setting, whose two keys live in the object at {@code parentPath}. */
  void collectViolations(List<PolicyViolation> out, String parentPath) {
    String filtersPath = parentPath + "." + FILTERS_KEY;
    int count = exclusionFilters.size();
    if (mode.takesExclusionFilters() && count == 0) {
      String plainMode =
          mode == ImageTagMutability.IMMUTABLE_WITH_EXCLUSION ? "IMMUTABLE" : "MUTABLE";
      Constraints.add(
          out,
          filtersPath,
          "Tag mutability "
              + mode
              + " needs 1 to "
              + MAX_EXCLUSION_FILTERS
              + " exclusion filters, but there are none.",
          "Add imageTagMutabilityExclusionFilters, such as "
              + FILTERS_EXAMPLE
              + ", or use "
              + plainMode
              + ".");
    }
    if (!mode.takesExclusionFilters() && count > 0) {
      Constraints.add(
          out,
          filtersPath,
          "Exclusion filters are only allowed with IMMUTABLE_WITH_EXCLUSION or"
              + " MUTABLE_WITH_EXCLUSION, but the tag mutability is "
              + mode
              + ".",
          "Remove imageTagMutabilityExclusionFilters, or use " + mode + "_WITH_EXCLUSION.");
    }
    if (count > MAX_EXCLUSION_FILTERS) {
      Constraints.add(
          out,
          filtersPath,
          "There are "
              + count
              + " exclusion filters; ECR allows at most "
              + MAX_EXCLUSION_FILTERS
              + ".",
          "Combine filters with wildcards, for example \"dev-*\" in place of several dev- tags.");
    }
    for (int i = 0; i < count; i++) {
      checkFilter(out, filtersPath + "[" + i + "].filter", exclusionFilters.get(i).filter());
    }
  }

  private static void checkFilter(List<PolicyViolation> out, String path, String filter) {
    int length = Constraints.length(filter);
    if (length == 0) {
      Constraints.add(
          out,
          path,
          "An exclusion filter is empty; ECR requires 1 to " + MAX_FILTER_LENGTH + " characters.",
          "Remove the filter, or write a tag or wildcard such as \"latest\" or \"dev-*\".");
      return;
    }
    if (length > MAX_FILTER_LENGTH) {
      Constraints.add(
          out,
          path,
          "The exclusion filter is "
              + Constraints.characters(length)
              + " long; ECR allows at most "
              + MAX_FILTER_LENGTH
              + ".",
          "Shorten it, replacing a varying part with '*'.");
    }
    if (!FILTER_CHARACTERS.matcher(filter).matches()) {
      Constraints.add(
          out,
          path,
          "The exclusion filter \""
              + filter
              + "\" contains characters ECR does not allow; a filter may contain only letters,"
              + " digits, '.', '_', '-' and '*'.",
          "Remove the other characters, or replace them with '*'.");
    }
  }

  /**
   * Reads the two keys from the object at {@code parentPath}. Returns {@code null} when both are
   * absent, or after recording a violation.
   *
   * @param required whether {@code imageTagMutability} must be present
   */
  static @Nullable TagMutability readMembers(
      JsonReader reader, JsonNode parent, String parentPath, boolean required) {
    int before = reader.violationCount();
    boolean hasFilters = parent.has(FILTERS_KEY);
    ImageTagMutability mode =
        reader.enumValue(
            parent,
            MODE_KEY,
            parentPath,
            ImageTagMutability.values(),
            ImageTagMutability::name,
            required);
    if (mode == null && !required && hasFilters && !parent.has(MODE_KEY)) {
      reader.add(
          parentPath + "." + MODE_KEY,
          "imageTagMutabilityExclusionFilters is set, but imageTagMutability is missing.",
          "Add \"imageTagMutability\": \"IMMUTABLE_WITH_EXCLUSION\" or \"MUTABLE_WITH_EXCLUSION\","
              + " or remove the filters.");
    }

    List<ImageTagMutabilityExclusionFilter> filters = new ArrayList<>();
    List<JsonNode> elements = reader.array(parent, FILTERS_KEY, parentPath, false, FILTERS_EXAMPLE);
    if (elements != null) {
      for (int i = 0; i < elements.size(); i++) {
        String path = parentPath + "." + FILTERS_KEY + "[" + i + "]";
        JsonNode element = elements.get(i);
        if (!element.isObject()) {
          reader.add(
              path,
              "An exclusion filter must be an object, but it is "
                  + PolicyJson.typeName(element)
                  + ".",
              "Write it as {\"filterType\": \"WILDCARD\", \"filter\": \"latest\"}.");
          continue;
        }
        reader.rejectUnknownKeys(element, path, FILTER_KEYS);
        reader.constant(element, "filterType", path, ImageTagMutabilityExclusionFilter.FILTER_TYPE);
        String filter =
            reader.string(element, "filter", path, true, "a tag wildcard such as \"latest\"");
        if (filter != null) {
          filters.add(new ImageTagMutabilityExclusionFilter(filter));
        }
      }
    }

    if (mode == null || reader.violationCount() > before) {
      return null;
    }
    return new TagMutability(mode, filters);
  }

  private static TagMutability of(ImageTagMutability mode, String first, String... more) {
    List<ImageTagMutabilityExclusionFilter> filters = new ArrayList<>();
    for (String filter : Lists.of(first, "filter", "moreFilters", more)) {
      filters.add(new ImageTagMutabilityExclusionFilter(filter));
    }
    return new TagMutability(mode, filters);
  }

  private static Documents.Parsed<TagMutability> parseDocument(String json) {
    JsonReader reader = new JsonReader("the tag mutability setting", "PutImageTagMutability");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    TagMutability value = null;
    if (root != null) {
      reader.rejectUnknownKeys(
          root,
          "$",
          List.of(MODE_KEY, FILTERS_KEY),
          Set.of(),
          Set.of("registryId", "repositoryName"));
      value = readMembers(reader, root, "$", true);
    }
    return Documents.Parsed.of(value, reader.violations());
  }
}
