package dev.ecr4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of a new repository: tag mutability with its exclusion filters, scan on push,
 * encryption and resource tags.
 *
 * <p>Defaults are ECR's: mutable tags, no scan on push, AES256 encryption, no tags. Instances are
 * immutable.
 */
// NOTE: the policy DSL is gaining a repository-settings value; this class may then delegate to it.
public final class RepositorySettings {

  // ECR's exclusion filter grammar and count (1 to 5 WILDCARD filters).
  private static final Pattern EXCLUSION_FILTER = Pattern.compile("^[0-9a-zA-Z._*-]{1,128}$");
  private static final int MAX_EXCLUSION_FILTERS = 5;
  // ECR's limits on resource tags: 50 per repository, keys up to 128 and values up to 256 chars.
  private static final int MAX_TAGS = 50;
  private static final int MAX_TAG_KEY = 128;
  private static final int MAX_TAG_VALUE = 256;

  private static final RepositorySettings DEFAULTS = builder().build();

  private final TagMutability tagMutability;
  private final List<String> mutabilityExclusions;
  private final boolean scanOnPush;
  private final Encryption encryption;
  private final Map<String, String> tags;

  private RepositorySettings(Builder builder) {
    this.tagMutability = builder.tagMutability;
    this.mutabilityExclusions = List.copyOf(builder.mutabilityExclusions);
    this.scanOnPush = builder.scanOnPush;
    this.encryption = builder.encryption;
    this.tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.tags));
  }

  /** Returns ECR's defaults. */
  public static RepositorySettings defaults() {
    return DEFAULTS;
  }

  /** Returns a builder with ECR's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder with these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder().scanOnPush(scanOnPush).encryption(encryption).tags(tags);
    builder.tagMutability = tagMutability;
    builder.mutabilityExclusions.addAll(mutabilityExclusions);
    return builder;
  }

  /** Returns whether tags can be overwritten. */
  public TagMutability tagMutability() {
    return tagMutability;
  }

  /** Returns the wildcard exclusion filters of a {@code *_WITH_EXCLUSION} mutability. */
  public List<String> mutabilityExclusions() {
    return mutabilityExclusions;
  }

  /** Returns whether images are scanned on push. */
  public boolean scanOnPush() {
    return scanOnPush;
  }

  /** Returns the encryption. */
  public Encryption encryption() {
    return encryption;
  }

  /** Returns the resource tags, in insertion order. */
  public Map<String, String> tags() {
    return tags;
  }

  @Override
  public String toString() {
    return "RepositorySettings{tagMutability="
        + tagMutability
        + ", mutabilityExclusions="
        + mutabilityExclusions
        + ", scanOnPush="
        + scanOnPush
        + ", encryption="
        + encryption
        + ", tags="
        + tags
        + "}";
  }

  /** Builds {@link RepositorySettings}; setters validate their values. */
  public static final class Builder {
    private TagMutability tagMutability = TagMutability.MUTABLE;
    private final List<String> mutabilityExclusions = new ArrayList<>();
    private boolean scanOnPush;
    private Encryption encryption = Encryption.AES256;
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder() {}

    /** Sets {@code MUTABLE} or {@code IMMUTABLE} without exclusions. */
    public Builder tagMutability(TagMutability tagMutability) {
      Objects.requireNonNull(tagMutability, "tagMutability");
      if (tagMutability == TagMutability.IMMUTABLE_WITH_EXCLUSION
          || tagMutability == TagMutability.MUTABLE_WITH_EXCLUSION) {
        throw new IllegalArgumentException(
            tagMutability + " needs exclusion filters; use tagMutability(mutability, filters)");
      }
      this.tagMutability = tagMutability;
      this.mutabilityExclusions.clear();
      return this;
    }

    /**
     * Sets a {@code *_WITH_EXCLUSION} mutability with 1 to 5 wildcard filters, such as {@code
     * latest} or {@code dev-*}, each matching {@code ^[0-9a-zA-Z._*-]{1,128}$}.
     */
    public Builder tagMutability(TagMutability tagMutability, List<String> exclusionFilters) {
      Objects.requireNonNull(tagMutability, "tagMutability");
      exclusionFilters.forEach(filter -> Objects.requireNonNull(filter, "exclusion filter"));
      boolean withExclusion =
          tagMutability == TagMutability.IMMUTABLE_WITH_EXCLUSION
              || tagMutability == TagMutability.MUTABLE_WITH_EXCLUSION;
      if (!withExclusion) {
        throw new IllegalArgumentException(
            tagMutability + " takes no exclusion filters; use tagMutability(mutability)");
      }
      if (exclusionFilters.isEmpty() || exclusionFilters.size() > MAX_EXCLUSION_FILTERS) {
        throw new IllegalArgumentException(
            tagMutability
                + " needs 1 to "
                + MAX_EXCLUSION_FILTERS
                + " exclusion filters, but got "
                + exclusionFilters.size());
      }
      for (String filter : exclusionFilters) {
        if (!EXCLUSION_FILTER.matcher(filter).matches()) {
          throw new IllegalArgumentException(
              "exclusion filter '"
                  + filter
                  + "' must be 1 to 128 characters of letters, digits, '.', '_', '-' and '*'");
        }
      }
      this.tagMutability = tagMutability;
      this.mutabilityExclusions.clear();
      this.mutabilityExclusions.addAll(exclusionFilters);
      return this;
    }

    /** Sets whether images are scanned on push. */
    public Builder scanOnPush(boolean scanOnPush) {
      this.scanOnPush = scanOnPush;
      return this;
    }

    /** Sets the encryption. */
    public Builder encryption(Encryption encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption");
      return this;
    }

    /** Adds a resource tag; keys up to 128 characters, values up to 256. */
    public Builder tag(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.isEmpty() || key.length() > MAX_TAG_KEY) {
        throw new IllegalArgumentException(
            "tag key '" + key + "' must be 1 to " + MAX_TAG_KEY + " characters");
      }
      if (value.length() > MAX_TAG_VALUE) {
        throw new IllegalArgumentException(
            "the value of tag '" + key + "' must be at most " + MAX_TAG_VALUE + " characters");
      }
      tags.put(key, value);
      if (tags.size() > MAX_TAGS) {
        tags.remove(key);
        throw new IllegalArgumentException(
            "a repository takes at most " + MAX_TAGS + " tags; '" + key + "' would be one more");
      }
      return this;
    }

    /** Adds every entry of {@code tags} as a resource tag. */
    public Builder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    /** Builds the settings. */
    public RepositorySettings build() {
      return new RepositorySettings(this);
    }
  }
}
