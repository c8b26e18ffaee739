package dev.ecr4j.policy.lifecycle;

import java.util.Optional;

/** The storage class a rule selects images from, or an action moves images to. */
public enum StorageClass {
  STANDARD("standard"),
  ARCHIVE("archive");

  private final String json;

  StorageClass(String json) {
    this.json = json;
  }

  /** Returns the value as it is written in the policy JSON. */
  public String json() {
    return json;
  }

  /** Finds the constant written as {@code json} in a policy, matching case exactly as ECR does. */
  public static Optional<StorageClass> fromJson(String json) {
    for (StorageClass value : values()) {
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
