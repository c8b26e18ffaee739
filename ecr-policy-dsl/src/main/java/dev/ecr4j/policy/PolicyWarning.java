package dev.ecr4j.policy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy that ECR accepts but that almost surely does not do what its author meant, such as a tag
 * list written as if it meant OR, or a rule that a higher-priority rule shadows completely.
 *
 * @param path the JSON path the warning is about
 * @param rulePriority the {@code rulePriority} of the rule concerned, or {@code null}
 * @param message what looks wrong
 * @param hint what to write instead, if that was not the intent
 */
public record PolicyWarning(
    String path, @Nullable Integer rulePriority, String message, String hint) {

  public PolicyWarning {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** Formats the warning on one line. */
  @Override
  public String toString() {
    String prefix = rulePriority == null ? "" : "rule " + rulePriority + ": ";
    return prefix + path + ": " + message + " Hint: " + hint;
  }
}
