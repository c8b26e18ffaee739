package dev.ecr4j.policy.registry;

import java.util.Objects;

/**
 * A tag filter that exempts matching tags from a repository's tag mutability mode. ECR defines one
 * filter type, {@code WILDCARD}: {@code *} stands for any run of characters, including none, and
 * the filter must match the whole tag. Matching is case-sensitive, as tags are.
 *
 * @param filter the wildcard filter, 1 to 128 letters, digits, {@code .}, {@code _}, {@code -} or
 *     {@code *}
 */
public record ImageTagMutabilityExclusionFilter(String filter) {

  /** The only filter type ECR defines for tag mutability exclusions. */
  public static final String FILTER_TYPE = "WILDCARD";

  public ImageTagMutabilityExclusionFilter {
    Objects.requireNonNull(filter, "filter");
  }

  /** Creates a {@code WILDCARD} filter. */
  public static ImageTagMutabilityExclusionFilter wildcard(String filter) {
    return new ImageTagMutabilityExclusionFilter(filter);
  }

  /** Returns true when the filter matches the whole of {@code tag}. */
  public boolean matches(String tag) {
    Objects.requireNonNull(tag, "tag");
    return Wildcard.matches(filter, tag);
  }
}
