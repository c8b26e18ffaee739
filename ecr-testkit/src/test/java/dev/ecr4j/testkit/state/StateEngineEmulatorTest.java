package dev.ecr4j.testkit.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.iam.EcrActions;
import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.PolicyStatement;
import dev.ecr4j.policy.iam.Principal;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.BlobMounting;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.RepositoryCreationScenario;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.state.ApplyFailedException;
import dev.ecr4j.state.ApplyOptions;
import dev.ecr4j.state.ApplyResult;
import dev.ecr4j.state.Change;
import dev.ecr4j.state.Ownership;
import dev.ecr4j.state.Plan;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.ResourceType;
import dev.ecr4j.state.SpecFiles;
import dev.ecr4j.state.SpecFormat;
import dev.ecr4j.state.StateEngine;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Plans and applies registry specifications against the embedded emulator: idempotence, drift,
 * ownership, ordering, semantic comparison and import.
 */
@Timeout(120)
class StateEngineEmulatorTest {

  private static final String ACCOUNT = EmulatorCredentials.DEFAULT.accountId();
  private static final String OTHER_ACCOUNT = "111122223333";

  private EcrEmulator emulator;
  private Ecr4jClient ecr;
  private StateEngine engine;

  @BeforeEach
  void start() {
    emulator = EcrEmulator.start();
    ecr =
        Ecr4jClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .region(Region.US_EAST_1)
            .accountId(ACCOUNT)
            .endpointOverride(emulator.endpoint())
            .rateLimitSettings(RateLimitSettings.unlimited())
            .build();
    engine = StateEngine.of(ecr);
  }

  @AfterEach
  void stop() {
    ecr.close();
    emulator.close();
  }

  @Test
  void applyThenPlanIsEmpty() {
    RegistrySpec spec = fullSpec();

    Plan first = engine.plan(spec);
    ApplyResult result = engine.apply(first);
    Plan second = engine.plan(spec);

    assertThat(first.isEmpty()).isFalse();
    assertThat(result.applied()).hasSameSizeAs(first.changes());
    assertThat(second.changes()).isEmpty();
    assertThat(second.conflicts()).isEmpty();
    assertThat(second.render()).startsWith("No changes");
    assertThat(engine.apply(second).applied()).isEmpty();
  }

  @Test
  void applyReachesEverySetting() {
    engine.apply(engine.plan(fullSpec()));

    assertThat(ecr.accountSettings().get(AccountSettingName.BLOB_MOUNTING).value())
        .isEqualTo(BlobMounting.ENABLED);
    assertThat(ecr.policies().registryPolicy()).contains(registryPolicy());
    assertThat(ecr.replication().get()).isEqualTo(replication());
    assertThat(ecr.scanning().registryConfiguration()).isEqualTo(scanning());
    assertThat(ecr.creationTemplates().get("team")).contains(template());
    assertThat(ecr.pullThroughCache().get("ecr-public")).contains(pullThroughCacheRule());
    assertThat(ecr.repositories().describe("team/web").tagMutability())
        .isEqualTo(dev.ecr4j.core.TagMutability.IMMUTABLE_WITH_EXCLUSION);
    assertThat(ecr.repositories().describe("team/web").mutabilityExclusions())
        .containsExactly("latest");
    assertThat(ecr.repositories().tags("team/web")).containsEntry("team", "web");
    assertThat(ecr.lifecycle().get("team/web")).contains(lifecyclePolicy());
    assertThat(ecr.policies().repositoryPolicy("team/web")).contains(repositoryPolicy());
    assertThat(ecr.repositories().describe("team/kms").encryption().type()).isEqualTo("KMS");
  }

  @Test
  void planOrdersDependencies() {
    Plan plan = engine.plan(fullSpec());

    List<ResourceType> order = plan.changes().stream().map(Change::type).toList();
    assertThat(order)
        .containsSubsequence(
            ResourceType.ACCOUNT_SETTING,
            ResourceType.REGISTRY_POLICY,
            ResourceType.REPLICATION,
            ResourceType.CREATION_TEMPLATE,
            ResourceType.REPOSITORY);
    assertThat(order.indexOf(ResourceType.REPOSITORY))
        .isLessThan(order.indexOf(ResourceType.LIFECYCLE_POLICY));
  }

  @Test
  void scopeChangedBeforeRegistryPolicy() {
    // With scope V1 ECR rejects a registry policy that grants pulls, so the account setting
    // must be put first.
    ecr.accountSettings().put(AccountSetting.of(RegistryPolicyScope.V1));
    RegistrySpec spec =
        RegistrySpec.builder()
            .accountSetting(AccountSetting.of(RegistryPolicyScope.V2))
            .registryPolicy(registryPolicy())
            .build();

    engine.apply(engine.plan(spec));

    assertThat(ecr.policies().registryPolicy()).contains(registryPolicy());
    assertThat(engine.plan(spec).isEmpty()).isTrue();
  }

  @Test
  void registryPolicyInvalidForLiveScope() {
    ecr.accountSettings().put(AccountSetting.of(RegistryPolicyScope.V1));
    RegistrySpec spec = RegistrySpec.builder().registryPolicy(registryPolicy()).build();

    Plan plan = engine.plan(spec);

    assertThat(plan.conflicts()).hasSize(1);
    assertThat(plan.conflicts().get(0).message()).contains("REGISTRY_POLICY_SCOPE V1");
    assertThatThrownBy(() -> engine.apply(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing was changed");
  }

  @Test
  void driftShowsOnlyWhatChanged() {
    RegistrySpec spec = fullSpec();
    engine.apply(engine.plan(spec));

    ecr.lifecycle()
        .put("team/web", LifecyclePolicy.builder().untagged().expireAfterDays(1).build());
    ecr.repositories().tag("team/web", Map.of("owner", "someone"));
    ecr.repositories().setScanOnPush("team/web", true);
    Plan drift = engine.detectDrift(spec);

    assertThat(drift.changes())
        .extracting(Change::toString)
        .containsExactly("UPDATE repository team/web", "UPDATE lifecycle policy of team/web");
    assertThat(drift.changes().get(0).fields())
        .extracting(field -> field.field())
        .containsExactly("scanOnPush", "tags.owner");
    assertThat(drift.render())
        .contains("~ repository team/web", "tags.owner: \"someone\" -> (removed)");
  }

  @Test
  void unmanagedSettingsUntouched() {
    ecr.repositories().create("not-listed");
    ecr.repositories().create("listed");
    ecr.lifecycle().put("listed", lifecyclePolicy());
    ecr.policies().setRepositoryPolicy("listed", repositoryPolicy(), false);
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("listed", repository -> repository.tagMutability(TagMutability.mutable()))
            .build();

    Plan plan = engine.plan(spec);

    assertThat(plan.isEmpty()).isTrue();
    assertThat(ecr.repositories().find("not-listed")).isPresent();
  }

  @Test
  void absentNeedsOptIn() {
    ecr.repositories().create("old");
    ecr.repositories().create("kept");
    ecr.lifecycle().put("kept", lifecyclePolicy());
    RegistrySpec spec =
        RegistrySpec.builder()
            .noRepository("old")
            .repository("kept", repository -> repository.noLifecyclePolicy())
            .build();
    Plan plan = engine.plan(spec);

    assertThat(plan.destructiveChanges())
        .extracting(Change::toString)
        .containsExactly("DELETE lifecycle policy of kept", "DELETE repository old");
    assertThat(plan.render()).contains("- repository old   <-- DESTRUCTIVE");
    assertThatThrownBy(() -> engine.apply(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("destructive");
    assertThat(ecr.repositories().find("old")).isPresent();

    engine.apply(plan, ApplyOptions.builder().allowDestructiveChanges(true).build());

    assertThat(ecr.repositories().find("old")).isEmpty();
    assertThat(ecr.lifecycle().get("kept")).isEmpty();
    assertThat(engine.plan(spec).isEmpty()).isTrue();
  }

  @Test
  void unlistedRepositoriesDeletedWhenAbsent() {
    ecr.repositories().create("stray");
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("team/web", repository -> {})
            .unlistedRepositories(Ownership.ABSENT)
            .build();

    Plan plan = engine.plan(spec);

    assertThat(plan.changes())
        .extracting(Change::toString)
        .containsExactly("CREATE repository team/web", "DELETE repository stray");
  }

  @Test
  void registryWideDeletions() {
    engine.apply(engine.plan(fullSpec()));
    ecr.creationTemplates()
        .create(
            RepositoryCreationTemplate.builder("stray")
                .appliedFor(RepositoryCreationScenario.PULL_THROUGH_CACHE)
                .build());
    RegistrySpec spec =
        RegistrySpec.builder()
            .noRegistryPolicy()
            .noReplication()
            .noCreationTemplate("team")
            .unlistedCreationTemplates(Ownership.ABSENT)
            .noPullThroughCacheRule("ecr-public")
            .build();
    Plan plan = engine.plan(spec);

    engine.apply(plan, ApplyOptions.builder().allowDestructiveChanges(true).build());

    assertThat(plan.changes())
        .extracting(Change::toString)
        .containsExactly(
            "DELETE registry policy",
            "DELETE replication configuration",
            "DELETE creation template stray",
            "DELETE creation template team",
            "DELETE pull through cache rule ecr-public");
    assertThat(ecr.policies().registryPolicy()).isEmpty();
    assertThat(ecr.replication().get().isEmpty()).isTrue();
    assertThat(ecr.creationTemplates().list()).isEmpty();
    assertThat(ecr.pullThroughCache().list()).isEmpty();
    assertThat(engine.plan(spec).isEmpty()).isTrue();
  }

  @Test
  void templateUpdatedInPlace() {
    engine.apply(engine.plan(fullSpec()));
    RepositoryCreationTemplate changed =
        template().toBuilder().description("Replicated and cached team repositories").build();
    RegistrySpec spec = RegistrySpec.builder().creationTemplate(changed).build();

    Plan plan = engine.plan(spec);
    engine.apply(plan);

    assertThat(plan.changes())
        .extracting(Change::toString)
        .containsExactly("UPDATE creation template team");
    assertThat(plan.changes().get(0).fields())
        .containsExactly(
            new dev.ecr4j.state.FieldChange(
                "description",
                "\"Replicated team repositories\"",
                "\"Replicated and cached team repositories\""));
    assertThat(ecr.creationTemplates().get("team")).contains(changed);
    assertThat(engine.plan(spec).isEmpty()).isTrue();
  }

  @Test
  void equivalentPoliciesMakeNoChange() {
    ecr.repositories().create("app");
    // Minified, reordered, a string for a one-element list, and the root ARN for an account ID.
    ecr.policies()
        .setRepositoryPolicyText(
            "app",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                + "\"ecr:BatchGetImage\"],\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + OTHER_ACCOUNT
                + ":root\"},\"Sid\":\"CrossAccountPull\"}]}",
            false);
    // The rules in the reverse order of their priorities.
    ecr.sdkClient()
        .putLifecyclePolicy(
            request ->
                request
                    .repositoryName("app")
                    .lifecyclePolicyText(reversedRules(lifecyclePolicy().toJson())));
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository(
                "app",
                repository ->
                    repository
                        .repositoryPolicy(
                            RepositoryPolicy.builder()
                                .statement(
                                    PolicyStatement.allow()
                                        .sid("CrossAccountPull")
                                        .principal(Principal.account(OTHER_ACCOUNT))
                                        .actions(EcrActions.PULL)
                                        .build())
                                .build())
                        .lifecyclePolicy(lifecyclePolicy()))
            .build();

    Plan plan = engine.plan(spec);

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void specForOtherRegionRejected() {
    RegistrySpec spec = RegistrySpec.builder().region("eu-west-1").build();

    assertThatThrownBy(() -> engine.plan(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The specification is for region eu-west-1 but the client is for us-east-1; use a"
                + " client of eu-west-1 or change the specification's region");
  }

  @Test
  void encryptionConflict() {
    ecr.repositories().create("plain");
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("plain", repository -> repository.encryption(EncryptionConfiguration.kms()))
            .build();

    Plan plan = engine.plan(spec);

    assertThat(plan.conflicts()).hasSize(1);
    assertThat(plan.render()).contains("! repository plain", "only when it creates it");
  }

  @Test
  void applyStopsAtFirstFailure() {
    ecr.repositories().create("gone");
    RegistrySpec spec =
        RegistrySpec.builder()
            .accountSetting(AccountSetting.of(BlobMounting.ENABLED))
            .repository("gone", repository -> repository.lifecyclePolicy(lifecyclePolicy()))
            .repository("later", repository -> {})
            .build();
    Plan plan = engine.plan(spec);
    // Someone deletes the repository between plan and apply.
    ecr.repositories().delete("gone", true);

    assertThatThrownBy(() -> engine.apply(plan))
        .isInstanceOfSatisfying(
            ApplyFailedException.class,
            failure -> {
              assertThat(failure.applied())
                  .extracting(Change::toString)
                  .containsExactly("UPDATE account setting BLOB_MOUNTING");
              assertThat(failure.failed().toString()).isEqualTo("CREATE lifecycle policy of gone");
              assertThat(failure.notAttempted())
                  .extracting(Change::toString)
                  .containsExactly("CREATE repository later");
            })
        .hasMessageContaining("Apply failed at change 2 of 3");
    assertThat(ecr.repositories().find("later")).isEmpty();
  }

  @Test
  void createRacedByOtherSettingsFails() {
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository(
                "raced",
                repository -> repository.tagMutability(TagMutability.immutable()).scanOnPush(true))
            .build();
    Plan plan = engine.plan(spec);

    // Another apply creates the repository between this plan and this apply.
    ecr.repositories().create("raced");

    assertThatThrownBy(() -> engine.apply(plan))
        .isInstanceOfSatisfying(
            ApplyFailedException.class,
            failure -> {
              assertThat(failure.applied()).isEmpty();
              assertThat(failure.failed().toString()).isEqualTo("CREATE repository raced");
            })
        .hasMessageContaining("created by someone else after the plan")
        .hasMessageContaining("tagMutability: requested IMMUTABLE, actual MUTABLE");
    assertThat(engine.plan(spec).isEmpty()).isFalse();
  }

  @Test
  void createRacedBySameSettingsSucceeds() {
    RegistrySpec spec = RegistrySpec.builder().repository("raced", repository -> {}).build();
    Plan plan = engine.plan(spec);
    ecr.repositories().create("raced");

    ApplyResult result = engine.apply(plan);

    assertThat(result.applied())
        .extracting(Change::toString)
        .containsExactly("CREATE repository raced");
    assertThat(engine.plan(spec).isEmpty()).isTrue();
  }

  @Test
  void importThenPlanIsEmpty() throws Exception {
    engine.apply(engine.plan(fullSpec()));
    ecr.repositories().create("unmanaged-before");

    RegistrySpec imported = engine.importRegistry();

    assertThat(imported.repositories()).containsKeys("team/web", "team/kms", "unmanaged-before");
    assertThat(engine.plan(imported).isEmpty()).isTrue();
    for (SpecFormat format : List.of(SpecFormat.YAML, SpecFormat.JSON)) {
      String text = SpecFiles.write(imported, format);
      RegistrySpec read = SpecFiles.parse(text, format, "imported." + format);
      assertThat(read).as(format.name()).isEqualTo(imported);
      assertThat(engine.plan(read).isEmpty()).as(format.name()).isTrue();
    }
  }

  private static RegistrySpec fullSpec() {
    return RegistrySpec.builder()
        .region("us-east-1")
        .accountId(ACCOUNT)
        .accountSetting(AccountSetting.of(RegistryPolicyScope.V2))
        .accountSetting(AccountSetting.of(BlobMounting.ENABLED))
        .registryPolicy(registryPolicy())
        .replication(replication())
        .scanning(scanning())
        .creationTemplate(template())
        .pullThroughCacheRule(pullThroughCacheRule())
        .repository(
            "team/web",
            repository ->
                repository
                    .tagMutability(TagMutability.immutableExcept("latest"))
                    .scanOnPush(false)
                    .tags(ResourceTags.of("team", "web"))
                    .lifecyclePolicy(lifecyclePolicy())
                    .repositoryPolicy(repositoryPolicy()))
        .repository(
            "team/kms",
            repository -> repository.encryption(EncryptionConfiguration.kms()).noRepositoryPolicy())
        .build();
  }

  static RegistryPolicy registryPolicy() {
    return RegistryPolicy.builder()
        .statement(
            PolicyStatement.allow()
                .sid("OrgPull")
                .principal(Principal.account(OTHER_ACCOUNT))
                .actions(EcrActions.PULL)
                .resource("arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/*")
                .build())
        .build();
  }

  static ReplicationConfiguration replication() {
    return ReplicationConfiguration.builder()
        .repositoriesStartingWith("team/")
        .to("us-west-2", ACCOUNT)
        .build();
  }

  static ScanningConfiguration scanning() {
    return ScanningConfiguration.basic().scanOnPush("team/*");
  }

  static RepositoryCreationTemplate template() {
    return RepositoryCreationTemplate.builder("team")
        .appliedFor(RepositoryCreationScenario.REPLICATION)
        .tagMutability(TagMutability.immutable())
        .description("Replicated team repositories")
        .build();
  }

  static PullThroughCacheRule pullThroughCacheRule() {
    return PullThroughCacheRule.ecrPublic("ecr-public").build();
  }

  static LifecyclePolicy lifecyclePolicy() {
    return LifecyclePolicy.builder()
        .tagged("release-*")
        .keepNewest(10)
        .untagged()
        .expireAfterDays(14)
        .build();
  }

  static RepositoryPolicy repositoryPolicy() {
    return RepositoryPolicy.builder()
        .statement(PolicyPresets.crossAccountPull(OTHER_ACCOUNT))
        .build();
  }

  /** Returns the lifecycle policy JSON with its rules array reversed. */
  private static String reversedRules(String json) {
    var tree =
        (tools.jackson.databind.node.ObjectNode)
            tools.jackson.databind.json.JsonMapper.shared().readTree(json);
    var rules = (tools.jackson.databind.node.ArrayNode) tree.get("rules");
    var reversed = tree.putArray("rules");
    for (int i = rules.size() - 1; i >= 0; i--) {
      reversed.add(rules.get(i));
    }
    return tree.toString();
  }
}
