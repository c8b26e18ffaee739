package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.internal.Lists;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One test of a statement's {@code Condition} element: an operator, a condition key and the values
 * to compare the key with. It is written as {@code "Condition": {"StringEquals":
 * {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}.
 *
 * <p>A statement applies only when all of its conditions hold, and a condition holds when the key
 * matches any one of its values.
 *
 * <p>Values are kept as strings: IAM compares {@code true} and {@code "true"} alike, so a JSON
 * boolean or number is read as its text. Equality follows IAM: condition keys are compared without
 * regard to case, and neither the order of the values nor a repeated value matters. A policy's JSON
 * lists each value of a key once.
 *
 * @param operator the condition operator, such as {@code StringEquals} or {@code
 *     ForAnyValue:StringLike}
 * @param key the condition key, such as {@code aws:PrincipalOrgID}
 * @param values the values, at least one
 */
public record Condition(String operator, String key, List<String> values) {

  /**
   * Creates a condition.
   *
   * @throws NullPointerException naming the parameter when an argument is null or {@code values}
   *     contains null
   */
  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = Lists.copyOf(values, "values");
  }

  /** Creates a condition from an operator, a key and its values. */
  public static Condition of(String operator, String key, String value, String... moreValues) {
    return new Condition(operator, key, Lists.of(value, "value", "moreValues", moreValues));
  }

  /** Matches when the key equals one of the values exactly. */
  public static Condition stringEquals(String key, String value, String... moreValues) {
    return new Condition("StringEquals", key, Lists.of(value, "value", "moreValues", moreValues));
  }

  /** Matches when the key equals none of the values. */
  public static Condition stringNotEquals(String key, String value, String... moreValues) {
    return new Condition(
        "StringNotEquals", key, Lists.of(value, "value", "moreValues", moreValues));
  }

  /**
   * Matches when the key matches one of the patterns, in which {@code *} and {@code ?} are wild.
   */
  public static Condition stringLike(String key, String pattern, String... morePatterns) {
    return new Condition(
        "StringLike", key, Lists.of(pattern, "pattern", "morePatterns", morePatterns));
  }

  /** Matches when the key matches none of the patterns. */
  public static Condition stringNotLike(String key, String pattern, String... morePatterns) {
    return new Condition(
        "StringNotLike", key, Lists.of(pattern, "pattern", "morePatterns", morePatterns));
  }

  /** Matches when the ARN in the key equals one of the ARNs. */
  public static Condition arnEquals(String key, String arn, String... moreArns) {
    return new Condition("ArnEquals", key, Lists.of(arn, "arn", "moreArns", moreArns));
  }

  /** Matches when the ARN in the key matches one of the ARN patterns. */
  public static Condition arnLike(String key, String arnPattern, String... morePatterns) {
    return new Condition(
        "ArnLike", key, Lists.of(arnPattern, "arnPattern", "morePatterns", morePatterns));
  }

  /** Matches when the ARN in the key matches none of the ARN patterns. */
  public static Condition arnNotLike(String key, String arnPattern, String... morePatterns) {
    return new Condition(
        "ArnNotLike", key, Lists.of(arnPattern, "arnPattern", "morePatterns", morePatterns));
  }

  /** Matches when the IP address in the key is in one of the ranges, in CIDR notation. */
  public static Condition ipAddress(String key, String cidr, String... moreCidrs) {
    return new Condition("IpAddress", key, Lists.of(cidr, "cidr", "moreCidrs", moreCidrs));
  }

  /** Matches when the IP address in the key is in none of the ranges. */
  public static Condition notIpAddress(String key, String cidr, String... moreCidrs) {
    return new Condition("NotIpAddress", key, Lists.of(cidr, "cidr", "moreCidrs", moreCidrs));
  }

  /** Matches when the boolean key has {@code value}. */
  public static Condition bool(String key, boolean value) {
    return of("Bool", key, Boolean.toString(value));
  }

  /**
   * Returns this condition for a multivalued key, true when any one value of the key matches: the
   * operator gains the prefix {@code ForAnyValue:}.
   */
  public Condition forAnyValue() {
    return new Condition("ForAnyValue:" + operator, key, values);
  }

  /**
   * Returns this condition for a multivalued key, true when every value of the key matches, and
   * also when the request has no value for the key: the operator gains the prefix {@code
   * ForAllValues:}.
   */
  public Condition forAllValues() {
    return new Condition("ForAllValues:" + operator, key, values);
  }

  /**
   * Returns this condition made true when the request has no value for the key: the operator gains
   * the suffix {@code IfExists}.
   */
  public Condition ifExists() {
    return new Condition(operator + "IfExists", key, values);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Condition that
        && operator.equals(that.operator)
        && key.equalsIgnoreCase(that.key)
        && new HashSet<>(values).equals(new HashSet<>(that.values));
  }

  @Override
  public int hashCode() {
    return Objects.hash(operator, key.toLowerCase(Locale.ROOT), new HashSet<>(values));
  }
}
