package dev.ecr4j.state;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One field that a change sets, changes or removes, with its values as short display text.
 *
 * @param field the field, such as {@code imageTagMutability} or {@code rules[0].selection}
 * @param before the live value, or {@code null} when the field does not exist yet
 * @param after the desired value, or {@code null} when the change removes the field
 */
public record FieldChange(String field, @Nullable String before, @Nullable String after) {

  public FieldChange {
    Objects.requireNonNull(field, "field");
  }

  /** Returns the live value, when the field exists. */
  public Optional<String> beforeValue() {
    return Optional.ofNullable(before);
  }

  /** Returns the desired value, unless the change removes the field. */
  public Optional<String> afterValue() {
    return Optional.ofNullable(after);
  }
}
