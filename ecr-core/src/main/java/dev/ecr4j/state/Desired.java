package dev.ecr4j.state;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Desired state of one setting: a value to manage, no opinion about it, or a requirement that it be
 * absent. Instances are immutable.
 *
 * @param <T> the setting's value, such as a {@link dev.ecr4j.policy.lifecycle.LifecyclePolicy}
 */
public final class Desired<T> {

  private static final Desired<?> UNMANAGED = new Desired<>(Ownership.UNMANAGED, null);
  private static final Desired<?> ABSENT = new Desired<>(Ownership.ABSENT, null);

  private final Ownership ownership;
  private final @Nullable T value;

  private Desired(Ownership ownership, @Nullable T value) {
    this.ownership = ownership;
    this.value = value;
  }

  /** Returns a setting managed with {@code value}. */
  public static <T> Desired<T> managed(T value) {
    return new Desired<>(Ownership.MANAGED, Objects.requireNonNull(value, "value"));
  }

  /** Returns a setting that the specification leaves alone. */
  @SuppressWarnings("unchecked") // contains no value, so it is a Desired of any type
  public static <T> Desired<T> unmanaged() {
    return (Desired<T>) UNMANAGED;
  }

  /** Returns a setting that must not exist. */
  @SuppressWarnings("unchecked") // contains no value, so it is a Desired of any type
  public static <T> Desired<T> absent() {
    return (Desired<T>) ABSENT;
  }

  /** Returns the ownership. */
  public Ownership ownership() {
    return ownership;
  }

  /** Returns the managed value, or empty when the setting is unmanaged or must be absent. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** Returns true when the setting is managed with a value. */
  public boolean isManaged() {
    return ownership == Ownership.MANAGED;
  }

  /** Returns true when the specification leaves the setting alone. */
  public boolean isUnmanaged() {
    return ownership == Ownership.UNMANAGED;
  }

  /** Returns true when the setting must not exist. */
  public boolean isAbsent() {
    return ownership == Ownership.ABSENT;
  }

  /** Returns the managed value. Call it only when {@link #isManaged()} is true. */
  T get() {
    if (value == null) {
      throw new IllegalStateException("a " + ownership + " setting has no value");
    }
    return value;
  }

  /** Applies {@code mapper} to a managed value and keeps the other states as they are. */
  <R> Desired<R> map(Function<T, R> mapper) {
    return value == null ? new Desired<>(ownership, null) : managed(mapper.apply(value));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Desired<?> that
        && ownership == that.ownership
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ownership, value);
  }

  @Override
  public String toString() {
    return value == null ? ownership.name().toLowerCase(java.util.Locale.ROOT) : "managed " + value;
  }
}
