package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyValidateCommandTest {

  @TempDir Path directory;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }

  @Test
  void validReplication() throws IOException {
    Path file =
        write(
            "replication.json",
            """
            {"rules": [{"destinations": [{"region": "us-west-2", "registryId": "111122223333"}],
              "repositoryFilters": [{"filter": "prod", "filterType": "PREFIX_MATCH"}]}]}
            """);

    CliRun run = CliRun.run("policy", "validate", "--kind", "replication", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("valid: replication" + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void invalidReplicationListsViolations() throws IOException {
    Path file =
        write(
            "replication.json",
            """
            {"rules": [{"destinations": [{"region": "US West 2", "registryId": "12"}]}]}
            """);

    CliRun run = CliRun.run("policy", "validate", "-k", "replication", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines().get(0))
        .startsWith("error: replication file \"")
        .endsWith("is invalid (2 violations):");
    assertThat(run.errLines()).hasSize(3);
    assertThat(run.errLines().get(1)).contains("$.rules[0].destinations[0].region");
    assertThat(run.errLines().get(2)).contains("$.rules[0].destinations[0].registryId");
  }

  @Test
  void lifecycleKindMatchesLifecycleCommand() throws IOException {
    Path file =
        write(
            "lifecycle.json",
            """
            {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "tagged",
              "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}]}
            """);

    CliRun viaPolicy = CliRun.run("policy", "validate", "--kind", "lifecycle", file.toString());
    CliRun viaLifecycle = CliRun.run("lifecycle", "validate", file.toString());

    assertThat(viaPolicy.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(viaPolicy.errLines().subList(1, viaPolicy.errLines().size()))
        .isEqualTo(viaLifecycle.errLines().subList(1, viaLifecycle.errLines().size()));
  }

  @Test
  void repositoryPolicyWithResourceRejected() throws IOException {
    Path file =
        write(
            "repository-policy.json",
            """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Pull", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
              "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*"}]}
            """);

    CliRun run = CliRun.run("policy", "validate", "--kind", "repository-policy", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Invalid repository policy provided");
  }

  @Test
  void registryPolicyScopeApplied() throws IOException {
    Path file =
        write(
            "registry-policy.json",
            """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Pull", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
              "Action": ["ecr:BatchGetImage"],
              "Resource": "arn:aws:ecr:us-east-1:444455556666:repository/*"}]}
            """);

    CliRun v2 = CliRun.run("policy", "validate", "--kind", "registry-policy", file.toString());
    CliRun v1 =
        CliRun.run(
            "policy",
            "validate",
            "--kind",
            "registry-policy",
            "--registry-policy-scope",
            "V1",
            file.toString());

    assertThat(v2.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(v1.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(v1.err()).contains("Invalid registry policy provided");
  }

  @Test
  void scanningConfigurationChecked() throws IOException {
    Path valid =
        write(
            "scanning.json",
            """
            {"scanType": "ENHANCED", "rules": [{"scanFrequency": "CONTINUOUS_SCAN",
              "repositoryFilters": [{"filter": "prod-*", "filterType": "WILDCARD"}]}]}
            """);
    Path invalid =
        write(
            "scanning-basic.json",
            """
            {"scanType": "BASIC", "rules": [{"scanFrequency": "CONTINUOUS_SCAN",
              "repositoryFilters": [{"filter": "prod-*", "filterType": "WILDCARD"}]}]}
            """);

    assertThat(CliRun.run("policy", "validate", "-k", "scanning", valid.toString()).exitCode())
        .isEqualTo(ExitCodes.OK);
    assertThat(CliRun.run("policy", "validate", "-k", "scanning", invalid.toString()).exitCode())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void pullThroughCacheRuleChecked() throws IOException {
    Path file =
        write(
            "ptc.json",
            """
            {"ecrRepositoryPrefix": "docker-hub", "upstreamRegistryUrl": "registry-1.docker.io",
              "upstreamRegistry": "docker-hub"}
            """);

    CliRun run = CliRun.run("policy", "validate", "-k", "pull-through-cache", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("credentialArn");
  }

  @Test
  void unknownKindIsUsageError() throws IOException {
    Path file = write("x.json", "{}");

    CliRun run = CliRun.run("policy", "validate", "--kind", "firewall", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("unknown policy kind 'firewall'; use one of lifecycle,");
  }

  @Test
  void missingKindIsUsageError() throws IOException {
    Path file = write("x.json", "{}");

    CliRun run = CliRun.run("policy", "validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option: '--kind=KIND'");
  }

  @Test
  void missingFileIsUsageError() {
    CliRun run =
        CliRun.run(
            "policy",
            "validate",
            "--kind",
            "replication",
            directory.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).doesNotContain("Exception");
  }

  @ParameterizedTest
  @EnumSource(PolicyKind.class)
  void badFilesRejectedCleanlyForEveryKind(PolicyKind kind) throws IOException {
    String[] contents = {"", "   ", "[]", "\"text\"", "{\"a\":", "{}", "null", "{\"rules\": 5}"};
    for (String content : contents) {
      Path file = write(kind.cliName() + ".json", content);

      CliRun run = CliRun.run("policy", "validate", "--kind", kind.cliName(), file.toString());

      assertThat(run.exitCode()).as(content).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(run.err()).as(content).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void helpListsEveryKind() {
    CliRun run = CliRun.run("policy", "validate", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    for (PolicyKind kind : PolicyKind.values()) {
      assertThat(run.out()).contains(kind.cliName());
    }
  }
}
