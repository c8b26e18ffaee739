package dev.ecr4j.policy.lifecycle;

import java.util.Optional;

/** The tag status a rule selects by: {@code tagged}, {@code untagged} or {@code any}. */
public enum TagStatus {
  TAGGED("tagged"),
  UNTAGGED("untagged"),
  ANY("any");

  private final String json;

  TagStatus(String json) {
    this.json = json;
  }

  /** Returns the value as it is written in the policy JSON. */
  public String json() {
    return json;
  }

  /** Finds the constant written as {@code json} in a policy, matching case exactly as ECR does. */
  public static Optional<TagStatus> fromJson(String json) {
    for (TagStatus value : values()) {
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
