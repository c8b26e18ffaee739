package dev.ecr4j.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.BlobMounting;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.RepositoryCreationScenario;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpecFilesTest {

  @TempDir Path directory;

  static RegistrySpec richSpec() {
    return RegistrySpec.builder()
        .region("eu-west-1")
        .accountId("123456789012")
        .accountSetting(AccountSetting.of(RegistryPolicyScope.V2))
        .accountSetting(AccountSetting.of(BlobMounting.ENABLED))
        .noRegistryPolicy()
        .replication(
            ReplicationConfiguration.builder()
                .repositoriesStartingWith("prod/")
                .to("us-west-2", "123456789012")
                .build())
        .scanning(ScanningConfiguration.enhanced().continuousScan("prod/*"))
        .creationTemplate(
            RepositoryCreationTemplate.builder("prod")
                .appliedFor(RepositoryCreationScenario.REPLICATION)
                .tagMutability(TagMutability.immutable())
                .build())
        .noCreationTemplate("legacy")
        .pullThroughCacheRule(PullThroughCacheRule.ecrPublic("ecr-public").build())
        .noPullThroughCacheRule("quay")
        .unlistedRepositories(Ownership.ABSENT)
        .repository(
            "prod/web",
            repository ->
                repository
                    .tagMutability(TagMutability.immutableExcept("latest", "dev-*"))
                    .scanOnPush(false)
                    .encryption(EncryptionConfiguration.kms("alias/ecr"))
                    .tag("team", "web")
                    .tag("cost-center", "0042")
                    .lifecyclePolicy(
                        LifecyclePolicy.builder().untagged().expireAfterDays(14).build())
                    .repositoryPolicy(
                        RepositoryPolicy.builder()
                            .statement(PolicyPresets.crossAccountPull("111122223333"))
                            .build()))
        .repository("prod/api", repository -> repository.noLifecyclePolicy())
        .noRepository("old")
        .build();
  }

  @ParameterizedTest
  @EnumSource(
      value = SpecFormat.class,
      names = {"YAML", "JSON"})
  void roundTrips(SpecFormat format) {
    RegistrySpec spec = richSpec();

    String text = SpecFiles.write(spec, format);

    assertThat(SpecFiles.parse(text, format, "spec")).isEqualTo(spec);
  }

  @Test
  void writesReadableYaml() {
    String yaml = SpecFiles.write(richSpec(), SpecFormat.YAML);

    assertThat(yaml)
        .startsWith("version: 1\nregion: \"eu-west-1\"\naccountId: \"123456789012\"\n")
        .contains(
            "registryPolicy: \"absent\"\n", "  old: \"absent\"\n", "      cost-center: \"0042\"\n");
  }

  @Test
  void readsFileByExtension() throws Exception {
    Path file = directory.resolve("registry.yml");
    SpecFiles.write(richSpec(), directory.resolve("registry.json"));
    Files.writeString(file, SpecFiles.write(richSpec(), SpecFormat.YAML));

    assertThat(SpecFiles.read(file)).isEqualTo(richSpec());
    assertThat(SpecFiles.read(directory.resolve("registry.json"))).isEqualTo(richSpec());
    assertThatThrownBy(() -> SpecFiles.read(directory.resolve("registry.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".yaml, .yml or .json");
  }

  @Test
  void reportsEveryProblemWithPathAndFix() {
    String yaml =
        """
        version: 2
        region: Europe
        scanning: absent
        creationTemplates:
          prod:
            prefix: other
        repositories:
          team/web:
            imageTagMutabilityExclusionFilters: [{filterType: WILDCARD, filter: latest}]
            tags: {team: 7}
            lifecyclePolicy:
              rules:
                - rulePriority: 1
                  selection: {tagStatus: untagged, countType: imageCountMoreThan, countNumber: 0}
                  action: {type: expire}
            repositoryPolicy: [1]
        unlisted:
          repositories: delete
        """;

    assertThatThrownBy(() -> SpecFiles.parse(yaml, SpecFormat.YAML, "registry.yaml"))
        .isInstanceOfSatisfying(
            SpecFileException.class,
            e -> {
              assertThat(e.source()).isEqualTo("registry.yaml");
              assertThat(e.problems())
                  .extracting(SpecProblem::path)
                  .containsExactly(
                      "$.version",
                      "$.region",
                      "$.scanning",
                      "$.creationTemplates.prod.prefix",
                      "$.unlisted.repositories",
                      "$.repositories['team/web'].imageTagMutabilityExclusionFilters",
                      "$.repositories['team/web'].tags.team",
                      "$.repositories['team/web'].lifecyclePolicy.rules[0].selection.countNumber",
                      "$.repositories['team/web'].repositoryPolicy");
              assertThat(e.problems().get(4).fix())
                  .isEqualTo(
                      "Write unmanaged to leave unlisted ones alone, or absent to delete them.");
            })
        .hasMessageStartingWith("Specification file \"registry.yaml\" is invalid (9 problems):");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(
            () ->
                SpecFiles.parse(
                    "repositories:\n  app: {}\n  app: absent\n", SpecFormat.YAML, "dup.yaml"))
        .isInstanceOf(SpecFileException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("Duplicate");
  }

  @Test
  void rejectsEmptyAndNonObjectFiles() {
    assertThatThrownBy(() -> SpecFiles.parse("", SpecFormat.YAML, "empty.yaml"))
        .isInstanceOf(SpecFileException.class)
        .hasMessageContaining("$: The file is empty.");
    assertThatThrownBy(() -> SpecFiles.parse("[1]", SpecFormat.JSON, "list.json"))
        .isInstanceOf(SpecFileException.class)
        .hasMessageContaining("$: The file holds a list, not an object.");
  }

  @Test
  void nullRepositoryManagesExistence() {
    RegistrySpec spec = SpecFiles.parse("repositories:\n  app:\n", SpecFormat.YAML, "s.yaml");

    assertThat(spec.repositories()).containsEntry("app", RepositorySpec.of("app"));
  }

  @Test
  void javaSourceNamesEverySetting() {
    String java = SpecFiles.writeJava(richSpec(), "com.example", "Registry");

    assertThat(java)
        .startsWith("package com.example;\n")
        .contains(
            "public final class Registry {",
            "spec.accountSetting(AccountSetting.of(BlobMounting.ENABLED));",
            "spec.noRegistryPolicy();",
            "spec.unlistedRepositories(Ownership.ABSENT);",
            ".tagMutability(TagMutability.immutableExcept(\"latest\", \"dev-*\"))",
            ".encryption(EncryptionConfiguration.kms(\"alias/ecr\"))",
            "spec.noRepository(\"old\");");
    assertThatThrownBy(() -> SpecFiles.writeJava(richSpec(), "", "not a name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Java identifier");
  }
}
