package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The presets and the repository policy patterns of the Amazon ECR User Guide: cross-account pull,
 * CI push, Lambda, organization-wide pull, service principals scoped by source, deny by IP, and
 * cross-account replication.
 */
class PolicyPresetsTest {

  private static final String PULL_ACTIONS =
      "[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"]";

  @Test
  void crossAccountPullGrantsThePullActions() {
    PolicyStatement statement = PolicyPresets.crossAccountPull("111122223333", "444455556666");

    assertThat(statement.toJson())
        .isEqualTo(
            "{\"Sid\":\"CrossAccountPull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "[\"111122223333\",\"444455556666\"]},\"Action\":"
                + PULL_ACTIONS
                + "}");
    assertValidWithoutWarnings(statement);
  }

  @Test
  void crossAccountPullEqualsDocumentedRootArnForm() {
    String documented =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"CrossAccountPull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":["
            + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\",\"ecr:BatchCheckLayerAvailability\"]}]}";

    assertThat(RepositoryPolicy.parse(documented))
        .isEqualTo(RepositoryPolicy.of(PolicyPresets.crossAccountPull("111122223333")));
  }

  @Test
  void ciPushGrantsThePushActions() {
    PolicyStatement statement = PolicyPresets.ciPush("arn:aws:iam::123456789012:role/ci/builder");

    assertThat(statement.toJson())
        .isEqualTo(
            "{\"Sid\":\"CiPush\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::123456789012:role/ci/builder\"},\"Action\":[\"ecr:InitiateLayerUpload\","
                + "\"ecr:UploadLayerPart\",\"ecr:CompleteLayerUpload\",\"ecr:PutImage\","
                + "\"ecr:BatchCheckLayerAvailability\"]}");
    assertValidWithoutWarnings(statement);
  }

  @Test
  void lambdaPullWithoutCondition() {
    assertThat(PolicyPresets.lambdaPull().toJson())
        .isEqualTo(
            "{\"Sid\":\"LambdaPull\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"lambda.amazonaws.com\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}");
    assertValidWithoutWarnings(PolicyPresets.lambdaPull());
  }

  @Test
  void lambdaPullNarrowedToFunctionsOfAnAccount() {
    PolicyStatement statement =
        PolicyPresets.lambdaPull(Partition.AWS_CN, "cn-north-1", "123456789012");

    assertThat(statement.toJson())
        .isEqualTo(
            "{\"Sid\":\"LambdaPull\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"lambda.amazonaws.com\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],"
                + "\"Condition\":{\"StringLike\":{\"aws:sourceArn\":"
                + "\"arn:aws-cn:lambda:cn-north-1:123456789012:function:*\"}}}");
    assertValidWithoutWarnings(statement);
  }

  @Test
  void lambdaCrossAccountAddsTheAccount() {
    List<PolicyStatement> statements =
        PolicyPresets.lambdaPullCrossAccount(Partition.AWS, "eu-west-1", "111122223333");

    assertThat(statements).hasSize(2);
    assertThat(statements.get(1).toJson())
        .isEqualTo(
            "{\"Sid\":\"LambdaPullCrossAccount\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"111122223333\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}");
    RepositoryPolicy policy = RepositoryPolicy.builder().statements(statements).build();
    assertThat(policy.warnings()).isEmpty();
  }

  @Test
  void organizationPullNarrowsEveryone() {
    PolicyStatement statement = PolicyPresets.organizationPull("o-a1b2c3d4e5");

    assertThat(statement.toJson())
        .isEqualTo(
            "{\"Sid\":\"OrganizationPull\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":"
                + PULL_ACTIONS
                + ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}");
    assertValidWithoutWarnings(statement);
  }

  @Test
  void organizationPathPatternValid() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .sid("OrganizationUnitPull")
            .principal(Principal.everyone())
            .actions(EcrActions.PULL)
            .condition(
                Condition.stringLike(
                        "aws:PrincipalOrgPaths", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*")
                    .forAnyValue())
            .build();

    assertThat(statement.toJson())
        .endsWith(
            "\"Condition\":{\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":"
                + "\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*\"}}}");
    assertValidWithoutWarnings(statement);
  }

  @Test
  void servicePrincipalScopedBySource() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .sid("CodeBuildPull")
            .principal(Principal.service("codebuild.amazonaws.com"))
            .actions(EcrActions.PULL)
            .condition(
                Condition.arnLike(
                    "aws:SourceArn", "arn:aws:codebuild:us-east-1:123456789012:project/app"),
                Condition.stringEquals("aws:SourceAccount", "123456789012"))
            .build();

    assertValidWithoutWarnings(statement);
  }

  @Test
  void denyByIpHasNoResource() {
    String documented =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyOutsideRange\",\"Effect\":\"Deny\","
            + "\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{\"NotIpAddress\":"
            + "{\"aws:SourceIp\":[\"192.0.2.0/24\",\"203.0.113.0/24\"]}}}]}";

    RepositoryPolicy policy = RepositoryPolicy.parse(documented);

    assertThat(policy.violations()).isEmpty();
    assertThat(policy.toJson()).isEqualTo(documented);
    assertThat(policy.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).startsWith("The statement denies"));
  }

  @Test
  void crossAccountReplicationValidInBothScopes() {
    PolicyStatement statement =
        PolicyPresets.crossAccountReplication(
            "111122223333", Partition.AWS, "us-west-2", "444455556666", "prod-");

    assertThat(statement.toJson())
        .isEqualTo(
            "{\"Sid\":\"ReplicationFrom111122223333\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"111122223333\"},\"Action\":[\"ecr:ReplicateImage\",\"ecr:CreateRepository\"],"
                + "\"Resource\":\"arn:aws:ecr:us-west-2:444455556666:repository/prod-*\"}");
    RegistryPolicy policy = RegistryPolicy.builder().statement(statement).build();
    assertThat(policy.violations(RegistryPolicyScope.V1)).isEmpty();
    assertThat(policy.violations(RegistryPolicyScope.V2)).isEmpty();
    assertThat(policy.warnings()).isEmpty();
    assertThat(RepositoryPolicy.of(statement).violations())
        .as("a repository policy has no Resource")
        .hasSize(1);
  }

  @Test
  void replicationMatchesDocumentedExample() {
    String documented =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReplicationFrom111122223333\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
            + "\"Action\":[\"ecr:CreateRepository\",\"ecr:ReplicateImage\"],\"Resource\":"
            + "[\"arn:aws:ecr:us-west-2:444455556666:repository/*\"]}]}";

    assertThat(RegistryPolicy.parse(documented))
        .isEqualTo(
            RegistryPolicy.of(
                PolicyPresets.crossAccountReplication(
                    "111122223333", Partition.AWS, "us-west-2", "444455556666", "")));
  }

  @Test
  void presetsCombineIntoOnePolicy() {
    RepositoryPolicy policy =
        RepositoryPolicy.builder()
            .statement(PolicyPresets.crossAccountPull("111122223333"))
            .statement(PolicyPresets.ciPush("arn:aws:iam::123456789012:role/ci"))
            .statement(PolicyPresets.organizationPull("o-a1b2c3d4e5"))
            .statements(
                PolicyPresets.lambdaPullCrossAccount(Partition.AWS, "us-east-1", "444455556666"))
            .build();

    assertThat(policy.statements()).hasSize(5);
    assertThat(policy.warnings()).isEmpty();
    assertThat(RepositoryPolicy.parse(policy.toJson())).isEqualTo(policy);
  }

  @Test
  void malformedPresetArgumentsRejectedAtOnce() {
    assertThatThrownBy(() -> PolicyPresets.crossAccountPull("1234"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"1234\" is not an AWS account ID; an account ID has 12 digits.");
    assertThatThrownBy(() -> PolicyPresets.ciPush("arn:aws:iam::123456789012:user/ci"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The CI principal must be a role ARN such as arn:aws:iam::123456789012:role/ci, but"
                + " was \"arn:aws:iam::123456789012:user/ci\".");
    assertThatThrownBy(() -> PolicyPresets.ciPush("arn:aws:iam::12345:role/ci"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("has the account \"12345\", which is not 12 digits.");
    assertThatThrownBy(() -> PolicyPresets.lambdaPull(Partition.AWS, "US-EAST-1", "123456789012"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"US-EAST-1\" is not an AWS region name such as us-east-1 or cn-north-1.");
    assertThatThrownBy(() -> PolicyPresets.organizationPull("org-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"org-1\" is not an AWS Organizations ID;");
    assertThatThrownBy(
            () ->
                PolicyPresets.crossAccountReplication(
                    "111122223333", Partition.AWS, "us-east-1", "444455556666", "Prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"Prod\" is not a repository name prefix;");
  }

  private static void assertValidWithoutWarnings(PolicyStatement statement) {
    RepositoryPolicy policy = RepositoryPolicy.of(statement);
    assertThat(policy.violations()).isEmpty();
    assertThat(policy.warnings()).isEmpty();
  }
}
