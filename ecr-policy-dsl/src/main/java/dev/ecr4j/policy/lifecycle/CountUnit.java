package dev.ecr4j.policy.lifecycle;

import java.util.Optional;

/** The unit of an age limit. ECR accepts only {@code days}. */
public enum CountUnit {
  DAYS("days");

  private final String json;

  CountUnit(String json) {
    this.json = json;
  }

  /** Returns the value as it is written in the policy JSON. */
  public String json() {
    return json;
  }

  /** Finds the constant written as {@code json} in a policy, matching case exactly as ECR does. */
  public static Optional<CountUnit> fromJson(String json) {
    for (CountUnit value : values()) {
      if (value.json.equals(json)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return json;
  }
}
