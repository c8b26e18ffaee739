package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.internal.PolicyJson;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The IAM actions of Amazon ECR, and the groups of them that the common grants need.
 *
 * <p>IAM compares action names without regard to case, so {@code ecr:batchgetimage} is the same
 * action as {@code ecr:BatchGetImage}. A name may contain the wildcards {@code *} and {@code ?}.
 */
public final class EcrActions {

  /** Every ECR action, {@code ecr:*}. */
  public static final String ALL = "ecr:*";

  /** Pulling images: reading manifests and downloading layers. */
  public static final List<String> PULL =
      List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");

  /** Pushing images: uploading layers and putting manifests. */
  public static final List<String> PUSH =
      List.of(
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
          "ecr:BatchCheckLayerAvailability");

  /** Describing a repository, its images, scan findings, policies and tags, without pulling. */
  public static final List<String> READ =
      List.of(
          "ecr:DescribeRepositories",
          "ecr:DescribeImages",
          "ecr:ListImages",
          "ecr:DescribeImageScanFindings",
          "ecr:GetRepositoryPolicy",
          "ecr:GetLifecyclePolicy",
          "ecr:GetLifecyclePolicyPreview",
          "ecr:ListTagsForResource");

  /**
   * The actions a source registry needs in the destination's registry policy for cross-account
   * replication. Without {@code ecr:CreateRepository}, repositories of the same names must already
   * exist in the destination.
   */
  public static final List<String> REPLICATION =
      List.of("ecr:ReplicateImage", "ecr:CreateRepository");

  /** The actions pull-through cache needs in a registry policy to import upstream images. */
  public static final List<String> PULL_THROUGH_CACHE =
      List.of("ecr:BatchImportUpstreamImage", "ecr:CreateRepository");

  /** The only actions a registry policy may contain under {@link RegistryPolicyScope#V1}. */
  public static final List<String> REGISTRY_SCOPE_V1 =
      List.of("ecr:ReplicateImage", "ecr:BatchImportUpstreamImage", "ecr:CreateRepository");

  /**
   * The operation names of the ECR API model (botocore 1.43.11, API version 2015-09-21), each
   * prefixed with {@code ecr:}, plus the permission-only actions {@code ecr:ReplicateImage} and
   * {@code ecr:BatchImportUpstreamImage}, which authorize work ECR does on a caller's behalf and
   * have no operation of their own.
   */
  private static final List<String> KNOWN =
      List.of(
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchDeleteImage",
          "ecr:BatchGetImage",
          "ecr:BatchGetRepositoryScanningConfiguration",
          "ecr:CompleteLayerUpload",
          "ecr:CreatePullThroughCacheRule",
          "ecr:CreateRepository",
          "ecr:CreateRepositoryCreationTemplate",
          "ecr:DeleteLifecyclePolicy",
          "ecr:DeletePullThroughCacheRule",
          "ecr:DeleteRegistryPolicy",
          "ecr:DeleteRepository",
          "ecr:DeleteRepositoryCreationTemplate",
          "ecr:DeleteRepositoryPolicy",
          "ecr:DeleteSigningConfiguration",
          "ecr:DeregisterPullTimeUpdateExclusion",
          "ecr:DescribeImageReplicationStatus",
          "ecr:DescribeImageScanFindings",
          "ecr:DescribeImageSigningStatus",
          "ecr:DescribeImages",
          "ecr:DescribePullThroughCacheRules",
          "ecr:DescribeRegistry",
          "ecr:DescribeRepositories",
          "ecr:DescribeRepositoryCreationTemplates",
          "ecr:GetAccountSetting",
          "ecr:GetAuthorizationToken",
          "ecr:GetDownloadUrlForLayer",
          "ecr:GetLifecyclePolicy",
          "ecr:GetLifecyclePolicyPreview",
          "ecr:GetRegistryPolicy",
          "ecr:GetRegistryScanningConfiguration",
          "ecr:GetRepositoryPolicy",
          "ecr:GetSigningConfiguration",
          "ecr:InitiateLayerUpload",
          "ecr:ListImageReferrers",
          "ecr:ListImages",
          "ecr:ListPullTimeUpdateExclusions",
          "ecr:ListTagsForResource",
          "ecr:PutAccountSetting",
          "ecr:PutImage",
          "ecr:PutImageScanningConfiguration",
          "ecr:PutImageTagMutability",
          "ecr:PutLifecyclePolicy",
          "ecr:PutRegistryPolicy",
          "ecr:PutRegistryScanningConfiguration",
          "ecr:PutReplicationConfiguration",
          "ecr:PutSigningConfiguration",
          "ecr:RegisterPullTimeUpdateExclusion",
          "ecr:SetRepositoryPolicy",
          "ecr:StartImageScan",
          "ecr:StartLifecyclePolicyPreview",
          "ecr:TagResource",
          "ecr:UntagResource",
          "ecr:UpdateImageStorageClass",
          "ecr:UpdatePullThroughCacheRule",
          "ecr:UpdateRepositoryCreationTemplate",
          "ecr:UploadLayerPart",
          "ecr:ValidatePullThroughCacheRule",
          "ecr:BatchImportUpstreamImage",
          "ecr:ReplicateImage");

  /** The known actions by their lower-case name, for case-insensitive look-ups. */
  private static final Map<String, String> BY_LOWER_CASE = new TreeMap<>();

  static {
    for (String action : KNOWN) {
      BY_LOWER_CASE.put(action.toLowerCase(Locale.ROOT), action);
    }
  }

  private EcrActions() {}

  /** Returns every known ECR action, sorted by name. */
  public static SortedSet<String> known() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(KNOWN));
  }

  /**
   * Returns true when {@code action} names a known ECR action exactly, in any case. Wildcards are
   * not expanded, so use {@link #matching(String)} for those.
   */
  public static boolean isKnown(String action) {
    Objects.requireNonNull(action, "action");
    return BY_LOWER_CASE.containsKey(action.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns the known ECR actions that {@code action} covers: itself when it is a known name, the
   * actions its wildcards match, or nothing. The result is sorted and spelled as ECR spells it.
   */
  public static SortedSet<String> matching(String action) {
    Objects.requireNonNull(action, "action");
    SortedSet<String> matches = new TreeSet<>();
    if (!hasWildcard(action)) {
      String known = BY_LOWER_CASE.get(action.toLowerCase(Locale.ROOT));
      if (known != null) {
        matches.add(known);
      }
      return Collections.unmodifiableSortedSet(matches);
    }
    Pattern pattern = wildcardPattern(action);
    for (String known : KNOWN) {
      if (pattern.matcher(known).matches()) {
        matches.add(known);
      }
    }
    return Collections.unmodifiableSortedSet(matches);
  }

  /** Returns true when {@code action} contains an IAM wildcard, {@code *} or {@code ?}. */
  static boolean hasWildcard(String action) {
    return action.indexOf('*') >= 0 || action.indexOf('?') >= 0;
  }

  /** Returns the known action closest to a misspelled one, ignoring case. */
  static Optional<String> closest(String action) {
    List<String> lowerCase = new ArrayList<>(BY_LOWER_CASE.keySet());
    return PolicyJson.closest(action.toLowerCase(Locale.ROOT), lowerCase).map(BY_LOWER_CASE::get);
  }

  /** Turns an IAM wildcard name into a case-insensitive regular expression. */
  static Pattern wildcardPattern(String wildcard) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : wildcard.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
