package dev.ecr4j.policy.iam;

/**
 * The {@code Version} of a policy document, the version of the IAM policy language it is written
 * in. ECR returns both versions, since it stores the text it was given.
 */
public enum PolicyVersion {
  /** The current policy language, with policy variables such as {@code ${aws:username}}. */
  V2012_10_17("2012-10-17"),

  /**
   * The original policy language, without policy variables. IAM assumes it when a document has no
   * {@code Version}.
   */
  V2008_10_17("2008-10-17");

  private final String json;

  PolicyVersion(String json) {
    this.json = json;
  }

  /** Returns the value as written in policy JSON. */
  public String json() {
    return json;
  }
}
