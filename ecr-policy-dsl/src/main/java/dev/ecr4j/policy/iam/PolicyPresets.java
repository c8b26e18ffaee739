package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.internal.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Statements for the common ECR grants, following the examples of the Amazon ECR User Guide. Each
 * returns plain {@link PolicyStatement} values with a fixed {@code Sid}, so they can be combined
 * with other statements. Rename a statement with {@code toBuilder().sid(...)} when a policy needs
 * the same preset twice.
 *
 * <p>Arguments are checked at once and malformed ones throw {@link IllegalArgumentException}, since
 * some of them end up in conditions, which ECR does not check.
 */
public final class PolicyPresets {

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
  private static final Pattern REPOSITORY_PREFIX = Pattern.compile("[a-z0-9._/-]*");

  private PolicyPresets() {}

  /**
   * Lets every IAM identity of the given accounts pull images, when their own identity policies
   * allow it too. Sid {@code CrossAccountPull}.
   */
  public static PolicyStatement crossAccountPull(String accountId, String... moreAccountIds) {
    List<Principal> principals = new ArrayList<>();
    for (String each : Lists.of(accountId, "accountId", "moreAccountIds", moreAccountIds)) {
      principals.add(Principal.account(requireAccount(each)));
    }
    return PolicyStatement.allow()
        .sid("CrossAccountPull")
        .principals(principals)
        .actions(EcrActions.PULL)
        .build();
  }

  /**
   * Lets a CI role push images: upload layers and put manifests. Add {@link EcrActions#PULL} when
   * the builds also pull from the repository, for example as a layer cache. Sid {@code CiPush}.
   */
  public static PolicyStatement ciPush(String roleArn) {
    Objects.requireNonNull(roleArn, "roleArn");
    Principal role = Principal.aws(roleArn);
    Optional<IamGrammar.Problem> problem = IamGrammar.checkPrincipal(role);
    if (problem.isPresent() || !roleArn.contains(":role/")) {
      throw new IllegalArgumentException(
          "The CI principal must be a role ARN such as arn:aws:iam::123456789012:role/ci, but was"
              + " \""
              + roleArn
              + "\""
              + problem.map(p -> ": " + p.message()).orElse("."));
    }
    return PolicyStatement.allow().sid("CiPush").principal(role).actions(EcrActions.PUSH).build();
  }

  /**
   * Lets Lambda functions of the repository's own account use its images, without narrowing which
   * functions. Sid {@code LambdaPull}.
   */
  public static PolicyStatement lambdaPull() {
    return lambdaStatement().build();
  }

  /**
   * Lets the Lambda functions of {@code functionAccountId} in {@code region} use the repository's
   * images. Lambda calls ECR with the service principal, and the condition {@code StringLike
   * aws:sourceArn arn:<partition>:lambda:<region>:<account>:function:*} limits it to those
   * functions. Sid {@code LambdaPull}.
   */
  public static PolicyStatement lambdaPull(
      Partition partition, String region, String functionAccountId) {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(functionAccountId, "functionAccountId");
    String functions =
        "arn:"
            + partition.id()
            + ":lambda:"
            + requireRegion(region)
            + ":"
            + requireAccount(functionAccountId)
            + ":function:*";
    return lambdaStatement().condition(Condition.stringLike("aws:sourceArn", functions)).build();
  }

  /**
   * Lets the Lambda functions of another account use the repository's images: the {@link
   * #lambdaPull(Partition, String, String)} statement, plus a statement {@code
   * LambdaPullCrossAccount} that lets that account's identities pull, which Lambda needs to create
   * and update the functions.
   */
  public static List<PolicyStatement> lambdaPullCrossAccount(
      Partition partition, String region, String functionAccountId) {
    PolicyStatement service = lambdaPull(partition, region, functionAccountId);
    PolicyStatement account =
        PolicyStatement.allow()
            .sid("LambdaPullCrossAccount")
            .principal(Principal.account(functionAccountId))
            .action("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
            .build();
    return List.of(service, account);
  }

  /**
   * Lets every IAM identity of an AWS organization pull images: the principal {@code *} narrowed by
   * {@code StringEquals aws:PrincipalOrgID}. Sid {@code OrganizationPull}.
   */
  public static PolicyStatement organizationPull(String organizationId) {
    Objects.requireNonNull(organizationId, "organizationId");
    if (!ORGANIZATION_ID.matcher(organizationId).matches()) {
      throw new IllegalArgumentException(
          "\""
              + organizationId
              + "\" is not an AWS Organizations ID; an ID is o- followed by 10 to 32 lower-case"
              + " letters and digits, such as o-a1b2c3d4e5.");
    }
    return PolicyStatement.allow()
        .sid("OrganizationPull")
        .principal(Principal.everyone())
        .actions(EcrActions.PULL)
        .condition(Condition.stringEquals("aws:PrincipalOrgID", organizationId))
        .build();
  }

  /**
   * Lets a source account replicate into this registry: the registry policy statement the
   * destination needs for cross-account replication. It grants {@code ecr:ReplicateImage} and
   * {@code ecr:CreateRepository} on {@code
   * arn:<partition>:ecr:<region>:<account>:repository/<prefix>*}, and is allowed under both
   * registry policy scopes. Sid {@code ReplicationFrom<sourceAccountId>}, so that several sources
   * can be combined.
   *
   * @param sourceAccountId the account whose registry replicates
   * @param partition the partition of both registries, since replication does not cross partitions
   * @param destinationRegion the region of this registry, the destination
   * @param destinationAccountId this registry's account
   * @param repositoryPrefix the prefix of the repositories that may be replicated, or {@code ""}
   *     for all
   */
  public static PolicyStatement crossAccountReplication(
      String sourceAccountId,
      Partition partition,
      String destinationRegion,
      String destinationAccountId,
      String repositoryPrefix) {
    Objects.requireNonNull(sourceAccountId, "sourceAccountId");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(destinationRegion, "destinationRegion");
    Objects.requireNonNull(destinationAccountId, "destinationAccountId");
    Objects.requireNonNull(repositoryPrefix, "repositoryPrefix");
    requireAccount(sourceAccountId);
    if (!REPOSITORY_PREFIX.matcher(repositoryPrefix).matches()) {
      throw new IllegalArgumentException(
          "\""
              + repositoryPrefix
              + "\" is not a repository name prefix; use lower-case letters, digits and . _ - /,"
              + " or \"\" for every repository.");
    }
    String resource =
        "arn:"
            + partition.id()
            + ":ecr:"
            + requireRegion(destinationRegion)
            + ":"
            + requireAccount(destinationAccountId)
            + ":repository/"
            + repositoryPrefix
            + "*";
    return PolicyStatement.allow()
        .sid("ReplicationFrom" + sourceAccountId)
        .principal(Principal.account(sourceAccountId))
        .actions(EcrActions.REPLICATION)
        .resource(resource)
        .build();
  }

  private static PolicyStatement.Builder lambdaStatement() {
    return PolicyStatement.allow()
        .sid("LambdaPull")
        .principal(Principal.service("lambda.amazonaws.com"))
        .action("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
  }

  private static String requireAccount(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (!IamGrammar.ACCOUNT_ID.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "\"" + accountId + "\" is not an AWS account ID; an account ID has 12 digits.");
    }
    return accountId;
  }

  private static String requireRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "\"" + region + "\" is not an AWS region name such as us-east-1 or cn-north-1.");
    }
    return region;
  }
}
