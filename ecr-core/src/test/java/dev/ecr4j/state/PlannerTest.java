package dev.ecr4j.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Encryption;
import dev.ecr4j.policy.iam.EcrActions;
import dev.ecr4j.policy.iam.PolicyStatement;
import dev.ecr4j.policy.iam.Principal;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.TagMutability;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final LifecyclePolicy LIFECYCLE =
      LifecyclePolicy.builder()
          .tagged("release-*")
          .keepNewest(10)
          .untagged()
          .expireAfterDays(14)
          .build();

  @Test
  void reorderedLifecycleRulesAreEqual() {
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("app")).lifecyclePolicy =
        LiveDocument.of(
            LifecyclePolicy.parse(
                "{\"rules\":[{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\","
                    + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},"
                    + "\"action\":{\"type\":\"expire\"}},{\"rulePriority\":1,\"selection\":"
                    + "{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"release-*\"],\"countType\":"
                    + "\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}}]}"));
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("app", repository -> repository.lifecyclePolicy(LIFECYCLE))
            .build();

    assertThat(Planner.plan(spec, live).isEmpty()).isTrue();
  }

  @Test
  void accountIdEqualsRootArn() {
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("app")).repositoryPolicy =
        LiveDocument.of(
            RepositoryPolicy.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"ecr:BatchGetImage\"}}"));
    RepositoryPolicy desired =
        RepositoryPolicy.builder()
            .statement(
                PolicyStatement.allow()
                    .principal(Principal.account("111122223333"))
                    .action("ecr:BatchGetImage")
                    .build())
            .build();
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("app", repository -> repository.repositoryPolicy(desired))
            .build();

    assertThat(Planner.plan(spec, live).isEmpty()).isTrue();
  }

  @Test
  void unreadPartsAreUnmanaged() {
    LiveRegistry live = LiveFixtures.live();
    // Nothing but the repository was read, as for a specification that manages nothing else.
    live.add(LiveFixtures.repository("app"));
    RegistrySpec spec = RegistrySpec.builder().repository(RepositorySpec.of("app")).build();

    assertThat(Planner.plan(spec, live).isEmpty()).isTrue();
  }

  @Test
  void tagsSetChangedAndRemoved() {
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("app")).tags =
        ResourceTags.of(Map.of("team", "a", "stale", "x"));
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("app", repository -> repository.tag("team", "b").tag("cost", "42"))
            .build();

    Plan plan = Planner.plan(spec, live);

    assertThat(plan.changes()).hasSize(1);
    assertThat(plan.changes().get(0).fields())
        .containsExactly(
            new FieldChange("tags.team", "\"a\"", "\"b\""),
            new FieldChange("tags.cost", null, "\"42\""),
            new FieldChange("tags.stale", "\"x\"", null));
    assertThat(plan.changes().get(0).isDestructive()).isFalse();
  }

  @Test
  void absentPolicyIsDestructiveDelete() {
    LiveRegistry live = LiveFixtures.live();
    LiveRegistry.LiveRepository app = live.add(LiveFixtures.repository("app"));
    app.lifecyclePolicy = LiveDocument.of(LIFECYCLE);
    app.repositoryPolicy = LiveDocument.none();
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("app", repository -> repository.noLifecyclePolicy().noRepositoryPolicy())
            .build();

    Plan plan = Planner.plan(spec, live);

    assertThat(plan.changes())
        .extracting(Change::toString)
        .containsExactly("DELETE lifecycle policy of app");
    assertThat(plan.destructiveChanges()).hasSize(1);
  }

  @Test
  void newRepositoryCarriesItsSettings() {
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository(
                "app",
                repository ->
                    repository
                        .tagMutability(TagMutability.immutableExcept("latest"))
                        .encryption(EncryptionConfiguration.kms())
                        .lifecyclePolicy(LIFECYCLE)
                        .noRepositoryPolicy())
            .build();

    Plan plan = Planner.plan(spec, LiveFixtures.live());

    assertThat(plan.changes())
        .extracting(Change::toString)
        .containsExactly("CREATE repository app", "CREATE lifecycle policy of app");
    assertThat(plan.changes().get(0).fields())
        .extracting(FieldChange::field)
        .containsExactly("imageTagMutability", "imageTagMutabilityExclusionFilters", "encryption");
  }

  @Test
  void managedKmsKeyMatchesAnyKey() {
    LiveRegistry live = LiveFixtures.live();
    live.add(
        LiveFixtures.repository(
            "app",
            dev.ecr4j.core.TagMutability.MUTABLE,
            Encryption.kms(
                "arn:aws:kms:us-east-1:123456789012:key/0b5a6e1c-1111-2222-3333-444455556666")));
    RegistrySpec managedKey =
        RegistrySpec.builder()
            .repository("app", repository -> repository.encryption(EncryptionConfiguration.kms()))
            .build();
    RegistrySpec keyId =
        RegistrySpec.builder()
            .repository(
                "app",
                repository ->
                    repository.encryption(
                        EncryptionConfiguration.kms("0b5a6e1c-1111-2222-3333-444455556666")))
            .build();
    RegistrySpec aes =
        RegistrySpec.builder()
            .repository(
                "app", repository -> repository.encryption(EncryptionConfiguration.aes256()))
            .build();

    assertThat(Planner.plan(managedKey, live).isEmpty()).isTrue();
    assertThat(Planner.plan(keyId, live).isEmpty()).isTrue();
    assertThat(Planner.plan(aes, live).conflicts()).hasSize(1);
  }

  @Test
  void registryPolicyCheckedAgainstScopeAfterApply() {
    RegistryPolicy pull =
        RegistryPolicy.builder()
            .statement(
                PolicyStatement.allow()
                    .principal(Principal.account("111122223333"))
                    .actions(EcrActions.PULL)
                    .resource("arn:aws:ecr:us-east-1:123456789012:repository/*")
                    .build())
            .build();
    LiveRegistry live = LiveFixtures.live();
    live.accountSettings.put(
        AccountSettingName.REGISTRY_POLICY_SCOPE, AccountSetting.of(RegistryPolicyScope.V1));
    live.registryPolicy = LiveDocument.none();

    Plan withoutScope = Planner.plan(RegistrySpec.builder().registryPolicy(pull).build(), live);
    Plan withScope =
        Planner.plan(
            RegistrySpec.builder()
                .accountSetting(AccountSetting.of(RegistryPolicyScope.V2))
                .registryPolicy(pull)
                .build(),
            live);

    assertThat(withoutScope.conflicts()).hasSize(1);
    assertThat(withoutScope.changes()).isEmpty();
    assertThat(withScope.conflicts()).isEmpty();
    assertThat(withScope.changes())
        .extracting(Change::toString)
        .containsExactly("UPDATE account setting REGISTRY_POLICY_SCOPE", "CREATE registry policy");
  }

  @Test
  void pullThroughCacheUpstreamChangeIsReplace() {
    LiveRegistry live = LiveFixtures.live();
    live.pullThroughCacheRules = Map.of("cache", PullThroughCacheRule.quay("cache").build());
    RegistrySpec spec =
        RegistrySpec.builder()
            .pullThroughCacheRule(PullThroughCacheRule.ecrPublic("cache").build())
            .build();

    Plan plan = Planner.plan(spec, live);

    assertThat(plan.changes())
        .extracting(Change::toString)
        .containsExactly("REPLACE pull through cache rule cache");
    assertThat(plan.changes().get(0).isDestructive()).isTrue();
  }

  @Test
  void replicationToItselfIsConflict() {
    LiveRegistry live = LiveFixtures.live();
    live.replication = dev.ecr4j.policy.replication.ReplicationConfiguration.none();
    RegistrySpec spec =
        RegistrySpec.builder()
            .replication(
                dev.ecr4j.policy.replication.ReplicationConfiguration.builder()
                    .repositoriesStartingWith("prod/")
                    .to("us-east-1", LiveFixtures.ACCOUNT)
                    .build())
            .build();

    Plan plan = Planner.plan(spec, live);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.conflicts()).hasSize(1);
    assertThat(plan.conflicts().get(0).message())
        .startsWith(
            "The replication configuration is invalid for registry 123456789012 in us-east-1");
  }

  @Test
  void unlistedRepositoriesLeftAlone() {
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("other"));

    assertThat(Planner.plan(RegistrySpec.builder().build(), live).isEmpty()).isTrue();
    assertThat(
            Planner.plan(
                    RegistrySpec.builder().unlistedRepositories(Ownership.ABSENT).build(), live)
                .changes())
        .extracting(Change::toString)
        .containsExactly("DELETE repository other");
  }
}
