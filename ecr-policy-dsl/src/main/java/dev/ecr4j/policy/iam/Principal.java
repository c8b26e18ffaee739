package dev.ecr4j.policy.iam;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a statement's {@code Principal} (or {@code NotPrincipal}) element: an AWS principal
 * such as an account, a role or a user, or a service principal such as {@code
 * lambda.amazonaws.com}.
 *
 * <p>The record accepts any value, valid or not, so that a policy read from JSON can be reported in
 * full. {@link RepositoryPolicy#violations()} and {@link RegistryPolicy#violations()} check the
 * shape of each principal.
 *
 * <p>Equality follows IAM: an account ID and the root ARN of that account, {@code 123456789012} and
 * {@code arn:aws:iam::123456789012:root}, name the same principal, so they are equal.
 *
 * @param type the key the value is listed under, {@code AWS} or {@code Service}
 * @param value the account ID, ARN, service name or {@code *}
 */
public record Principal(Type type, String value) {

  private static final Pattern ROOT_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):root");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  /** The key of the {@code Principal} object that a value is listed under. */
  public enum Type {
    /** Accounts, IAM roles, IAM users, assumed-role sessions, and {@code *}. */
    AWS("AWS"),
    /** AWS services, such as {@code lambda.amazonaws.com}. */
    SERVICE("Service");

    private final String json;

    Type(String json) {
      this.json = json;
    }

    /** Returns the key as written in policy JSON. */
    public String json() {
      return json;
    }
  }

  public Principal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Creates an AWS principal from an account ID, a root, role, user or assumed-role ARN, or {@code
   * *}.
   */
  public static Principal aws(String accountIdOrArn) {
    return new Principal(Type.AWS, Objects.requireNonNull(accountIdOrArn, "accountIdOrArn"));
  }

  /**
   * Creates the principal for every IAM identity of an account. It is written as the bare account
   * ID, which IAM accepts in every partition and reads as {@code arn:<partition>:iam::<id>:root}.
   */
  public static Principal account(String accountId) {
    return new Principal(Type.AWS, Objects.requireNonNull(accountId, "accountId"));
  }

  /** Creates a service principal, such as {@code lambda.amazonaws.com}. */
  public static Principal service(String serviceName) {
    return new Principal(Type.SERVICE, Objects.requireNonNull(serviceName, "serviceName"));
  }

  /**
   * Creates the principal {@code *}: every AWS identity in every account. Narrow it with a
   * condition such as {@code aws:PrincipalOrgID}.
   */
  public static Principal everyone() {
    return new Principal(Type.AWS, "*");
  }

  /** Returns true for the AWS principal {@code *}. */
  public boolean isEveryone() {
    return type == Type.AWS && value.equals("*");
  }

  /** Returns the account ID when this principal is an account ID or an account's root ARN. */
  @Nullable String accountId() {
    if (type != Type.AWS) {
      return null;
    }
    if (ACCOUNT_ID.matcher(value).matches()) {
      return value;
    }
    Matcher root = ROOT_ARN.matcher(value);
    return root.matches() ? root.group(1) : null;
  }

  /**
   * Returns the value that equality compares. NOTE: the root ARN's partition is ignored, so {@code
   * arn:aws:iam::123456789012:root} equals {@code arn:aws-cn:iam::123456789012:root}, because one
   * policy lives in one partition, where only one of them is valid.
   */
  private String comparisonKey() {
    String account = accountId();
    return account == null ? value : "account:" + account;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Principal that
        && type == that.type
        && comparisonKey().equals(that.comparisonKey());
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, comparisonKey());
  }

  /** Returns the principal as {@code AWS:value} or {@code Service:value}. */
  @Override
  public String toString() {
    return type.json() + ":" + value;
  }
}
