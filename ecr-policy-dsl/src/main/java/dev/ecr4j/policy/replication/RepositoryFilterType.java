package dev.ecr4j.policy.replication;

import java.util.Objects;
import java.util.Optional;

/** The matching method of a repository filter. ECR defines one, {@code PREFIX_MATCH}. */
public enum RepositoryFilterType {
  /** The filter is a prefix of the repository names it selects. */
  PREFIX_MATCH("PREFIX_MATCH");

  private final String json;

  RepositoryFilterType(String json) {
    this.json = json;
  }

  /** Returns the value as it is written in the configuration JSON. */
  public String json() {
    return json;
  }

  /** Finds the constant written as {@code json}, matching case exactly as ECR does. */
  public static Optional<RepositoryFilterType> fromJson(String json) {
    Objects.requireNonNull(json, "json");
    for (RepositoryFilterType value : values()) {
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
