package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcrActionsTest {

  @Test
  void knownListsApiOperationsAndPermissionOnlyActions() {
    assertThat(EcrActions.known())
        .hasSize(60)
        .contains(
            "ecr:BatchGetImage",
            "ecr:SetRepositoryPolicy",
            "ecr:PutRegistryPolicy",
            "ecr:ListImageReferrers",
            "ecr:ReplicateImage",
            "ecr:BatchImportUpstreamImage")
        .allSatisfy(action -> assertThat(action).startsWith("ecr:"));
  }

  @Test
  void groupsContainOnlyKnownActions() {
    for (var group :
        java.util.List.of(
            EcrActions.PULL,
            EcrActions.PUSH,
            EcrActions.READ,
            EcrActions.REPLICATION,
            EcrActions.PULL_THROUGH_CACHE,
            EcrActions.REGISTRY_SCOPE_V1)) {
      assertThat(group).allSatisfy(action -> assertThat(EcrActions.isKnown(action)).isTrue());
    }
    assertThat(EcrActions.READ).hasSize(8);
  }

  @Test
  void lookupIgnoresCase() {
    assertThat(EcrActions.isKnown("ECR:batchgetimage")).isTrue();
    assertThat(EcrActions.matching("ecr:batchgetimage")).containsExactly("ecr:BatchGetImage");
    assertThat(EcrActions.isKnown("ecr:Describe*")).isFalse();
  }

  @Test
  void wildcardsExpandToKnownActions() {
    assertThat(EcrActions.matching("ecr:Describe*"))
        .containsExactly(
            "ecr:DescribeImageReplicationStatus",
            "ecr:DescribeImageScanFindings",
            "ecr:DescribeImageSigningStatus",
            "ecr:DescribeImages",
            "ecr:DescribePullThroughCacheRules",
            "ecr:DescribeRegistry",
            "ecr:DescribeRepositories",
            "ecr:DescribeRepositoryCreationTemplates");
    assertThat(EcrActions.matching("ecr:?utImage")).containsExactly("ecr:PutImage");
    assertThat(EcrActions.matching("ecr:*")).hasSize(60);
    assertThat(EcrActions.matching("ecr:Nothing*")).isEmpty();
    assertThat(EcrActions.matching("ecr:Put.*")).isEmpty();
  }
}
