package dev.ecr4j.core.retry;

import java.time.Duration;
import java.util.Objects;

/** Validates durations of settings, naming the setting in the message. */
final class Durations {

  private Durations() {}

  static Duration requireNotNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or more, but was " + value);
    }
    return value;
  }

  static Duration requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }
}
