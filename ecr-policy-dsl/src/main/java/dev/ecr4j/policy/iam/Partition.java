package dev.ecr4j.policy.iam;

/** The AWS partitions whose ARNs the permission policies accept. */
public enum Partition {
  /** The commercial regions. */
  AWS("aws"),
  /** The China regions. */
  AWS_CN("aws-cn"),
  /** The AWS GovCloud (US) regions. */
  AWS_US_GOV("aws-us-gov");

  private final String id;

  Partition(String id) {
    this.id = id;
  }

  /** Returns the partition as written in an ARN, such as {@code aws-cn}. */
  public String id() {
    return id;
  }
}
