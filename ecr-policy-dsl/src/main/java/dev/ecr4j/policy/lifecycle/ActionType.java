package dev.ecr4j.policy.lifecycle;

import java.util.Optional;

/**
 * The action of a lifecycle rule: {@code expire} deletes the images it acts on, {@code transition}
 * archives them.
 */
public enum ActionType {
  EXPIRE("expire"),
  TRANSITION("transition");

  private final String json;

  ActionType(String json) {
    this.json = json;
  }

  /** Returns the value as it is written in the policy JSON. */
  public String json() {
    return json;
  }

  /** Finds the constant written as {@code json} in a policy, matching case exactly as ECR does. */
  public static Optional<ActionType> fromJson(String json) {
    for (ActionType value : values()) {
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
