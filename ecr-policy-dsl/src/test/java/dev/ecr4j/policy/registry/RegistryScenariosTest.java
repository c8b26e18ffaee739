package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Situations that users of ECR run into, as the values of this package model them: replicated
 * repositories without a template, removing the last scanning rule, per-repository scan on push,
 * and templates for pull through cache and create on push.
 */
class RegistryScenariosTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/ecr-template";

  /**
   * Replication copies images but not repository settings: without a template, the destination
   * repository gets ECR's defaults whatever the source has.
   */
  @Test
  void replicaWithoutTemplateGetsDefaults() {
    RepositorySettings source =
        RepositorySettings.builder("prod/web")
            .tagMutability(TagMutability.immutable())
            .encryption(EncryptionConfiguration.kms("alias/ecr-images"))
            .build();

    RepositorySettings replica =
        RepositoryCreationTemplate.select(
                List.of(), "prod/web", RepositoryCreationScenario.REPLICATION)
            .map(template -> template.settingsFor("prod/web"))
            .orElse(RepositorySettings.ecrDefaults("prod/web"));

    assertThat(replica).isNotEqualTo(source);
    assertThat(replica.effectiveTagMutability()).isEqualTo(TagMutability.mutable());
    assertThat(replica.effectiveEncryption()).isEqualTo(EncryptionConfiguration.aes256());
    assertThat(replica.scanOnPush()).contains(false);
  }

  /** A template for replication gives the destination repository the source's settings. */
  @Test
  void replicationTemplateCarriesSettings() {
    String keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.builder("prod")
            .appliedFor(RepositoryCreationScenario.REPLICATION)
            .tagMutability(TagMutability.immutable())
            .encryption(EncryptionConfiguration.kms(keyArn))
            .customRoleArn(ROLE)
            .build();

    RepositorySettings replica =
        RepositoryCreationTemplate.select(
                List.of(template), "prod/web", RepositoryCreationScenario.REPLICATION)
            .orElseThrow()
            .settingsFor("prod/web");

    assertThat(replica.effectiveTagMutability()).isEqualTo(TagMutability.immutable());
    assertThat(replica.effectiveEncryption()).isEqualTo(EncryptionConfiguration.kms(keyArn));
    assertThat(replica.validate()).isSameAs(replica);
  }

  /**
   * ECR keeps the stored rules when a request leaves "rules" out, so a configuration with no rules
   * left must send an empty list.
   */
  @Test
  void removingLastRuleSendsEmptyList() {
    ScanningConfiguration before = ScanningConfiguration.basic().scanOnPush("web");
    ScanningConfiguration after = ScanningConfiguration.basic();

    assertThat(before.toJson()).contains("\"rules\":[{");
    assertThat(after.toJson()).isEqualTo("{\"scanType\":\"BASIC\",\"rules\":[]}");
    assertThat(ScanningConfiguration.parse(after.toJson())).isEqualTo(after);
  }

  /**
   * Scan on push per repository is deprecated: settings that leave it out do not manage it, and
   * turning it on draws a warning that points to the registry's scanning configuration.
   */
  @Test
  void scanOnPushLeftToRegistry() {
    RepositorySettings unmanaged = RepositorySettings.builder("web").build();
    RepositorySettings perRepository = RepositorySettings.builder("web").scanOnPush(true).build();
    ScanningConfiguration registry = ScanningConfiguration.basic().scanOnPush("web");

    assertThat(unmanaged.toJson()).doesNotContain("imageScanningConfiguration");
    assertThat(unmanaged.scanOnPush()).isEmpty();
    assertThat(unmanaged.warnings()).isEmpty();
    assertThat(perRepository.warnings())
        .extracting(PolicyWarning::path)
        .containsExactly("$.imageScanningConfiguration.scanOnPush");
    assertThat(registry.frequencyFor("web")).contains(ScanFrequency.SCAN_ON_PUSH);
  }

  /**
   * ECR accepts a ROOT template that tags the repositories pull through cache creates without a
   * custom role, but the user guide says that applying tags needs one.
   */
  @Test
  void cacheTemplateWithTagsNeedsRole() {
    String json =
        "{\"prefix\":\"ROOT\",\"resourceTags\":[{\"Key\":\"team\",\"Value\":\"platform\"}],"
            + "\"appliedFor\":[\"PULL_THROUGH_CACHE\"]}";

    var check = RepositoryCreationTemplate.check(json);

    assertThat(check.isValid()).isTrue();
    assertThat(check.warnings()).extracting(PolicyWarning::path).containsExactly("$.customRoleArn");
    assertThat(
            RepositoryCreationTemplate.parse(json).toBuilder()
                .customRoleArn(ROLE)
                .build()
                .warnings())
        .isEmpty();
  }

  /** ECR creates repositories on push only where a template applies to CREATE_ON_PUSH. */
  @Test
  void createOnPushNeedsTemplate() {
    RepositoryCreationTemplate cacheOnly =
        RepositoryCreationTemplate.forAllRepositories()
            .appliedFor(RepositoryCreationScenario.PULL_THROUGH_CACHE)
            .build();
    RepositoryCreationTemplate teamPush =
        RepositoryCreationTemplate.builder("team-a")
            .appliedFor(RepositoryCreationScenario.CREATE_ON_PUSH)
            .lifecyclePolicy(LifecyclePolicy.builder().untagged().expireAfterDays(7).build())
            .build();
    List<RepositoryCreationTemplate> templates = List.of(cacheOnly, teamPush);

    assertThat(
            RepositoryCreationTemplate.select(
                templates, "team-a/web", RepositoryCreationScenario.CREATE_ON_PUSH))
        .contains(teamPush);
    assertThat(
            RepositoryCreationTemplate.select(
                templates, "team-b/web", RepositoryCreationScenario.CREATE_ON_PUSH))
        .isEmpty();
    assertThat(teamPush.warnings()).isEmpty();
  }
}
