package dev.ecr4j.policy.lifecycle;

import java.util.Optional;

/** How a rule decides which selected images to act on. */
public enum CountType {
  IMAGE_COUNT_MORE_THAN("imageCountMoreThan"),
  SINCE_IMAGE_PUSHED("sinceImagePushed"),
  SINCE_IMAGE_PULLED("sinceImagePulled"),
  SINCE_IMAGE_TRANSITIONED("sinceImageTransitioned");

  private final String json;

  CountType(String json) {
    this.json = json;
  }

  /** Returns the value as it is written in the policy JSON. */
  public String json() {
    return json;
  }

  /** Finds the constant written as {@code json} in a policy, matching case exactly as ECR does. */
  public static Optional<CountType> fromJson(String json) {
    for (CountType value : values()) {
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
