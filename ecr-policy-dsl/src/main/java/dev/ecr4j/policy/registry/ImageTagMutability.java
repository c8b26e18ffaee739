package dev.ecr4j.policy.registry;

/**
 * Whether pushing an image with an existing tag may move the tag to the new image. Constants are
 * spelled as in ECR's API.
 */
public enum ImageTagMutability {
  /** Tags can be overwritten; ECR's default. */
  MUTABLE,
  /** No tag can be overwritten. */
  IMMUTABLE,
  /** No tag can be overwritten except those matching an exclusion filter. */
  IMMUTABLE_WITH_EXCLUSION,
  /** Tags can be overwritten except those matching an exclusion filter. */
  MUTABLE_WITH_EXCLUSION;

  /** Returns true for the two modes that take exclusion filters, and require at least one. */
  public boolean takesExclusionFilters() {
    return this == IMMUTABLE_WITH_EXCLUSION || this == MUTABLE_WITH_EXCLUSION;
  }
}
