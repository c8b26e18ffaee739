package dev.ecr4j.core;

/**
 * Whether a repository's tags can be overwritten, as ECR's {@code imageTagMutability} reports it.
 */
public enum TagMutability {
  /** Every tag can be moved to another image. */
  MUTABLE,
  /** No tag can be moved. */
  IMMUTABLE,
  /** No tag can be moved, except tags that match an exclusion filter. */
  IMMUTABLE_WITH_EXCLUSION,
  /** Every tag can be moved, except tags that match an exclusion filter. */
  MUTABLE_WITH_EXCLUSION
}
