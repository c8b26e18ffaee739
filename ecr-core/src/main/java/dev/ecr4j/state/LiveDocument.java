package dev.ecr4j.state;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A policy document as read from the live registry: none, a value the DSL could read, or a stored
 * document outside the DSL's grammar, which always differs from a managed value.
 *
 * @param <T> the document type
 */
final class LiveDocument<T> {

  private static final LiveDocument<?> NONE = new LiveDocument<>(null, null, null);

  private final @Nullable T value;
  private final @Nullable String text;
  private final @Nullable String problem;

  private LiveDocument(@Nullable T value, @Nullable String text, @Nullable String problem) {
    this.value = value;
    this.text = text;
    this.problem = problem;
  }

  @SuppressWarnings("unchecked") // contains no value, so it is a document of any type
  static <T> LiveDocument<T> none() {
    return (LiveDocument<T>) NONE;
  }

  static <T> LiveDocument<T> of(T value) {
    return new LiveDocument<>(value, null, null);
  }

  /**
   * Returns a stored document the DSL cannot read.
   *
   * @param text the stored text, when it could be fetched
   * @param problem why the DSL cannot read it
   */
  static <T> LiveDocument<T> unreadable(@Nullable String text, String problem) {
    return new LiveDocument<>(null, text, problem);
  }

  /** Returns true when the registry stores a document, readable or not. */
  boolean exists() {
    return value != null || problem != null;
  }

  Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** Returns the stored text of an unreadable document, when it could be fetched. */
  Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** Returns why the DSL cannot read the stored document, when it cannot. */
  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }
}
