package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ECR's rules for registry policies: repository ARNs in Resource, and the actions allowed by the
 * account setting REGISTRY_POLICY_SCOPE, with ECR's exact message for actions outside scope V1.
 */
class RegistryPolicyValidationTest {

  private static final String INVALID_REGISTRY_POLICY =
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy"
          + " provided'";
  private static final String ALL_REPOSITORIES = "arn:aws:ecr:us-east-1:123456789012:repository/*";

  private static PolicyStatement.Builder replicate(String resource) {
    return PolicyStatement.allow()
        .principal(Principal.account("111122223333"))
        .actions(EcrActions.REPLICATION)
        .resource(resource);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:ecr:us-east-1:123456789012:repository/*",
        "arn:aws:ecr:us-west-2:123456789012:repository/prod-*",
        "arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/app",
        "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/a.b_c--d/e*"
      })
  void repositoryArnsAccepted(String resource) {
    assertThat(RegistryPolicy.of(replicate(resource).build()).violations()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* | \"*\" is not a repository ARN; a registry policy names repositories.",
        "arn:aws-iso:ecr:us-iso-east-1:123456789012:repository/* |"
            + " \"arn:aws-iso:ecr:us-iso-east-1:123456789012:repository/*\" has the partition"
            + " \"aws-iso\".",
        "arn:aws:ecr-public::123456789012:repository/x | \"arn:aws:ecr-public::123456789012:"
            + "repository/x\" is an ARN of the service \"ecr-public\", not of ECR.",
        "arn:aws:ecr::123456789012:repository/* | \"arn:aws:ecr::123456789012:repository/*\" has the"
            + " region \"\"; a region is 2 to 25 lower-case letters, digits and hyphens.",
        "arn:aws:ecr:*:123456789012:repository/* | \"arn:aws:ecr:*:123456789012:repository/*\" has"
            + " the region \"*\"; a region is 2 to 25 lower-case letters, digits and hyphens.",
        "arn:aws:ecr:us-east-1:1234:repository/* | \"arn:aws:ecr:us-east-1:1234:repository/*\" has"
            + " the account \"1234\", which is not 12 digits.",
        "arn:aws:ecr:us-east-1:123456789012:* | \"arn:aws:ecr:us-east-1:123456789012:*\" names"
            + " \"*\", but a registry policy names repositories.",
        "arn:aws:ecr:us-east-1:123456789012:repository/Prod-* |"
            + " \"arn:aws:ecr:us-east-1:123456789012:repository/Prod-*\" has the repository prefix"
            + " \"Prod-\"; repository names contain only lower-case letters, digits and . _ - /,"
            + " and the only wildcard is one * at the end.",
        "arn:aws:ecr:us-east-1:123456789012:repository/a*b* |"
            + " \"arn:aws:ecr:us-east-1:123456789012:repository/a*b*\" has the repository prefix"
            + " \"a*b\"; repository names contain only lower-case letters, digits and . _ - /, and"
            + " the only wildcard is one * at the end.",
        "arn:aws:ecr:us-east-1:123456789012:repository/app- |"
            + " \"arn:aws:ecr:us-east-1:123456789012:repository/app-\" has the repository name"
            + " \"app-\", which is not a valid repository name."
      })
  void malformedResourceRejectedWithReason(String resource, String message) {
    assertThat(RegistryPolicy.of(replicate(resource).build()).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Resource");
              assertThat(v.message()).isEqualTo(message);
              assertThat(v.fix()).isNotBlank();
            });
  }

  @Test
  void missingResourceRejected() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .actions(EcrActions.REPLICATION)
            .build();

    assertThat(RegistryPolicy.of(statement).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Resource");
              assertThat(v.message())
                  .isEqualTo(
                      "A registry policy statement needs a Resource naming the repositories it"
                          + " applies to.");
            });
  }

  @Test
  void notResourceRejected() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .actions(EcrActions.REPLICATION)
            .notResources(List.of(ALL_REPOSITORIES))
            .build();

    assertThat(RegistryPolicy.of(statement).violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.Statement[0].NotResource");
  }

  @Test
  void scopeV1RejectsPullAndPush() {
    String text =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TeamAccess\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/builder\"},\"Action\":["
            + "\"ecr:BatchGetImage\",\"ecr:PutImage\",\"ecr:CreateRepository\"],\"Resource\":\""
            + ALL_REPOSITORIES
            + "\"}]}";

    PolicyCheck<RegistryPolicy> v1 = RegistryPolicy.check(text, RegistryPolicyScope.V1);

    assertThat(v1.isValid()).isFalse();
    assertThat(v1.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.Statement[0].Action[0]", "$.Statement[0].Action[1]");
    assertThat(v1.violations())
        .allSatisfy(v -> assertThat(v.ecrMessage()).isEqualTo(INVALID_REGISTRY_POLICY));
    assertThat(v1.violations().get(0).message())
        .isEqualTo(
            "\"ecr:BatchGetImage\" is outside REGISTRY_POLICY_SCOPE V1, which allows only"
                + " ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository.");
    assertThat(v1.violations().get(0).fix())
        .isEqualTo(
            "Keep only ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository,"
                + " or first set the account setting REGISTRY_POLICY_SCOPE to V2 with"
                + " PutAccountSetting.");
  }

  @Test
  void pullAndPushAcceptedInScopeV2() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.aws("arn:aws:iam::111122223333:user/builder"))
            .actions(EcrActions.PULL)
            .actions(EcrActions.PUSH)
            .resource(ALL_REPOSITORIES)
            .build();

    RegistryPolicy policy = RegistryPolicy.builder().statement(statement).build();

    assertThat(policy.violations()).isEmpty();
    assertThat(policy.violations(RegistryPolicyScope.V2)).isEmpty();
    assertThat(policy.violations(RegistryPolicyScope.V1)).hasSize(7);
    assertThatThrownBy(() -> policy.validate(RegistryPolicyScope.V1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("Registry policy is invalid (7 violations):");
    assertThatThrownBy(
            () -> RegistryPolicy.builder().statement(statement).build(RegistryPolicyScope.V1))
        .isInstanceOf(InvalidPolicyException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ecr:ReplicateImage",
        "ecr:BatchImportUpstreamImage",
        "ecr:CreateRepository",
        "ecr:createrepository",
        "ecr:*",
        "*",
        "ecr:Replicate*"
      })
  void scopeV1ActionsAccepted(String action) {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .action(action)
            .resource(ALL_REPOSITORIES)
            .build();

    assertThat(RegistryPolicy.of(statement).violations(RegistryPolicyScope.V1)).isEmpty();
  }

  @Test
  void wildcardOutsideScopeV1Rejected() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .action("ecr:Describe*")
            .resource(ALL_REPOSITORIES)
            .build();

    assertThat(RegistryPolicy.of(statement).violations(RegistryPolicyScope.V1))
        .singleElement()
        .satisfies(v -> assertThat(v.ecrMessage()).isEqualTo(INVALID_REGISTRY_POLICY));
  }

  @Test
  void notActionRejectedInScopeV1() {
    PolicyStatement statement =
        PolicyStatement.deny()
            .principal(Principal.everyone())
            .notAction("ecr:ReplicateImage")
            .resource(ALL_REPOSITORIES)
            .build();

    RegistryPolicy policy = RegistryPolicy.of(statement);

    assertThat(policy.violations()).isEmpty();
    assertThat(policy.violations(RegistryPolicyScope.V1))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].NotAction");
              assertThat(v.ecrMessage()).isEqualTo(INVALID_REGISTRY_POLICY);
            });
  }

  @Test
  void unknownActionReportedOnceInScopeV1() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .action("ecr:ReplicateImages")
            .resource(ALL_REPOSITORIES)
            .build();

    assertThat(RegistryPolicy.of(statement).violations(RegistryPolicyScope.V1))
        .singleElement()
        .satisfies(v -> assertThat(v.fix()).isEqualTo("Did you mean \"ecr:ReplicateImage\"?"));
  }

  @Test
  void teamPoliciesMergeIntoOne() {
    // A registry has one policy per region: two owners putting their own would overwrite each
    // other, so their statements are merged.
    RegistryPolicy replication =
        RegistryPolicy.builder()
            .statement(
                PolicyPresets.crossAccountReplication(
                    "111122223333", Partition.AWS, "us-east-1", "123456789012", ""))
            .build();
    RegistryPolicy cache =
        RegistryPolicy.builder()
            .statement(
                PolicyStatement.allow()
                    .sid("PullThroughCache")
                    .principal(Principal.aws("arn:aws:iam::123456789012:role/cache"))
                    .actions(EcrActions.PULL_THROUGH_CACHE)
                    .resource("arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*")
                    .build())
            .statement(replication.statements().get(0))
            .build();

    RegistryPolicy merged = replication.merge(cache);

    assertThat(merged.statements())
        .extracting(PolicyStatement::sid)
        .containsExactly("ReplicationFrom111122223333", "PullThroughCache");
    assertThat(merged.violations(RegistryPolicyScope.V1)).isEmpty();
    assertThat(cache.merge(replication)).isEqualTo(merged);
  }

  @Test
  void mergeRejectsConflictingSid() {
    RegistryPolicy first =
        RegistryPolicy.of(replicate(ALL_REPOSITORIES).sid("Replication").build());
    RegistryPolicy second =
        RegistryPolicy.of(
            replicate("arn:aws:ecr:us-east-1:123456789012:repository/prod-*")
                .sid("Replication")
                .build());

    assertThatThrownBy(() -> first.merge(second))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("Merged registry policy is invalid");
              assertThat(e.violations())
                  .singleElement()
                  .satisfies(
                      v -> {
                        assertThat(v.path()).isEqualTo("$.Statement[0].Sid");
                        assertThat(v.message())
                            .startsWith(
                                "Both policies have a statement with the Sid \"Replication\","
                                    + " with different content:");
                      });
            });
  }

  @Test
  void registryPrincipalErrorsCarryNoEcrText() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.aws("bob"))
            .actions(EcrActions.REPLICATION)
            .resource(ALL_REPOSITORIES)
            .build();

    assertThat(RegistryPolicy.of(statement).violations())
        .singleElement()
        .satisfies(v -> assertThat(v.ecrMessage()).isNull());
  }

  @Test
  void registryWarnsAboutOpenPrincipal() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.everyone())
            .actions(EcrActions.REPLICATION)
            .resource(ALL_REPOSITORIES)
            .build();

    assertThat(RegistryPolicy.of(statement).warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.path()).isEqualTo("$.Statement[0].Principal"));
  }
}
