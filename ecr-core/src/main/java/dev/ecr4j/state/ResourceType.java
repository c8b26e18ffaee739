package dev.ecr4j.state;

/** The kinds of resources a plan changes, in the order apply handles them. */
public enum ResourceType {
  /** An account setting such as {@code REGISTRY_POLICY_SCOPE}; it governs the registry policy. */
  ACCOUNT_SETTING("account setting"),
  /** The registry policy, which may grant what replication and pull through cache need. */
  REGISTRY_POLICY("registry policy"),
  /** The registry's replication configuration. */
  REPLICATION("replication configuration"),
  /** The registry's scanning configuration. */
  SCANNING("scanning configuration"),
  /** A repository creation template, which must exist before the repositories it applies to. */
  CREATION_TEMPLATE("creation template"),
  /** A pull through cache rule. */
  PULL_THROUGH_CACHE_RULE("pull through cache rule"),
  /** A repository with its settings and tags. */
  REPOSITORY("repository"),
  /** A repository's lifecycle policy. */
  LIFECYCLE_POLICY("lifecycle policy"),
  /** A repository's policy. */
  REPOSITORY_POLICY("repository policy");

  private final String displayName;

  ResourceType(String displayName) {
    this.displayName = displayName;
  }

  /** Returns the name used in rendered plans, such as {@code lifecycle policy}. */
  public String displayName() {
    return displayName;
  }
}
