package dev.ecr4j.policy.lifecycle;

/** The storage state of an image, as ECR's {@code imageStatus} reports it. */
public enum ImageStatus {
  /** In the standard storage class; pullable. Lifecycle rules of storage class standard see it. */
  ACTIVE,
  /** In the archive storage class; not pullable. Rules of storage class archive see it. */
  ARCHIVED,
  /** Being restored from the archive. Lifecycle rules leave it alone until it is active. */
  ACTIVATING
}
