package dev.ecr4j.policy.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The condition operators and global condition keys of the IAM policy language, from the IAM User
 * Guide's pages "IAM JSON policy elements: Condition operators" and "AWS global condition context
 * keys".
 */
final class IamConditions {

  /** The operators without the {@code ForAnyValue:}/{@code ForAllValues:} and IfExists forms. */
  static final List<String> BASE_OPERATORS =
      List.of(
          "StringEquals",
          "StringNotEquals",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "StringLike",
          "StringNotLike",
          "NumericEquals",
          "NumericNotEquals",
          "NumericLessThan",
          "NumericLessThanEquals",
          "NumericGreaterThan",
          "NumericGreaterThanEquals",
          "DateEquals",
          "DateNotEquals",
          "DateLessThan",
          "DateLessThanEquals",
          "DateGreaterThan",
          "DateGreaterThanEquals",
          "Bool",
          "BinaryEquals",
          "IpAddress",
          "NotIpAddress",
          "ArnEquals",
          "ArnLike",
          "ArnNotEquals",
          "ArnNotLike",
          "Null");

  static final String FOR_ANY_VALUE = "ForAnyValue:";
  static final String FOR_ALL_VALUES = "ForAllValues:";
  static final String IF_EXISTS = "IfExists";

  /**
   * Global keys whose value is a list, which need {@code ForAnyValue:} or {@code ForAllValues:}.
   */
  static final Set<String> MULTIVALUED_KEYS =
      Set.of(
          "aws:principalorgpaths",
          "aws:sourceorgpaths",
          "aws:resourceorgpaths",
          "aws:vpceorgpaths",
          "aws:tagkeys",
          "aws:calledvia",
          "aws:principalservicenameslist");

  /**
   * The global condition keys by their lower-case name. Tag keys are matched by prefix. NOTE: AWS
   * adds global keys from time to time, so an unknown {@code aws:} key is only a warning.
   */
  private static final Map<String, String> GLOBAL_KEYS = new TreeMap<>();

  private static final List<String> TAG_KEY_PREFIXES =
      List.of("aws:PrincipalTag/", "aws:RequestTag/", "aws:ResourceTag/", "ecr:ResourceTag/");

  static {
    for (String key :
        List.of(
            "aws:CalledVia",
            "aws:CalledViaFirst",
            "aws:CalledViaLast",
            "aws:CurrentTime",
            "aws:EpochTime",
            "aws:FederatedProvider",
            "aws:MultiFactorAuthAge",
            "aws:MultiFactorAuthPresent",
            "aws:PrincipalAccount",
            "aws:PrincipalArn",
            "aws:PrincipalIsAWSService",
            "aws:PrincipalOrgID",
            "aws:PrincipalOrgPaths",
            "aws:PrincipalServiceName",
            "aws:PrincipalServiceNamesList",
            "aws:PrincipalType",
            "aws:Referer",
            "aws:RequestedRegion",
            "aws:ResourceAccount",
            "aws:ResourceOrgID",
            "aws:ResourceOrgPaths",
            "aws:SecureTransport",
            "aws:SourceAccount",
            "aws:SourceArn",
            "aws:SourceIdentity",
            "aws:SourceIp",
            "aws:SourceOrgID",
            "aws:SourceOrgPaths",
            "aws:SourceVpc",
            "aws:SourceVpcArn",
            "aws:SourceVpce",
            "aws:TagKeys",
            "aws:TokenIssueTime",
            "aws:UserAgent",
            "aws:userid",
            "aws:username",
            "aws:ViaAWSService",
            "aws:VpcSourceIp",
            "aws:VpceAccount",
            "aws:VpceOrgID",
            "aws:VpceOrgPaths",
            "aws:Ec2InstanceSourceVpc",
            "aws:Ec2InstanceSourcePrivateIPv4")) {
      GLOBAL_KEYS.put(key.toLowerCase(Locale.ROOT), key);
    }
  }

  private IamConditions() {}

  /** An operator split into its set qualifier, base operator and IfExists suffix. */
  record Operator(@Nullable String qualifier, String base, boolean ifExists) {}

  /** Splits {@code operator} into its parts. The base may be unknown. */
  static Operator split(String operator) {
    String rest = operator;
    String qualifier = null;
    for (String prefix : List.of(FOR_ANY_VALUE, FOR_ALL_VALUES)) {
      if (rest.startsWith(prefix)) {
        qualifier = prefix;
        rest = rest.substring(prefix.length());
      }
    }
    boolean ifExists = rest.endsWith(IF_EXISTS) && !rest.equals(IF_EXISTS);
    if (ifExists) {
      rest = rest.substring(0, rest.length() - IF_EXISTS.length());
    }
    return new Operator(qualifier, rest, ifExists);
  }

  /** Returns true for a global key of this list, or a tag key with a known prefix. */
  static boolean isKnownGlobalKey(String key) {
    if (GLOBAL_KEYS.containsKey(key.toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (String prefix : TAG_KEY_PREFIXES) {
      if (key.length() > prefix.length()
          && key.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true;
      }
    }
    return false;
  }

  /** Returns the lower-case names of the global keys, for suggestions. */
  static Map<String, String> globalKeysByLowerCase() {
    return GLOBAL_KEYS;
  }
}
