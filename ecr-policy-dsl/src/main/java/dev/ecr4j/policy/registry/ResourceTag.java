package dev.ecr4j.policy.registry;

import java.util.Objects;

/**
 * One AWS resource tag, written {@code {"Key": "team", "Value": "web"}} in ECR's API. Keys and
 * values are case-sensitive.
 *
 * @param key the tag key, 1 to 128 characters
 * @param value the tag value, 0 to 256 characters
 */
public record ResourceTag(String key, String value) {

  public ResourceTag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** Creates a tag. */
  public static ResourceTag of(String key, String value) {
    return new ResourceTag(key, value);
  }
}
