package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

  /** Rules out of priority order, with keys out of the canonical order. */
  private static final String UNSORTED_POLICY =
      """
      {"rules": [
        {"action": {"type": "expire"}, "rulePriority": 2,
         "selection": {"countNumber": 100, "countType": "imageCountMoreThan", "tagStatus": "any"}},
        {"rulePriority": 1, "description": "untagged",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
           "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}
      ]}
      """;

  @TempDir Path directory;

  @Test
  void rendersNormalizedPrettyJson() throws IOException {
    Path file = Files.writeString(directory.resolve("policy.json"), UNSORTED_POLICY);

    CliRun run = CliRun.run("lifecycle", "render", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    LifecyclePolicy expected = LifecyclePolicy.parse(UNSORTED_POLICY);
    assertThat(run.out()).isEqualTo(expected.toPrettyJson() + System.lineSeparator());
    assertThat(LifecyclePolicy.parse(run.out())).isEqualTo(expected);
    assertThat(run.out().indexOf("\"rulePriority\" : 1"))
        .isLessThan(run.out().indexOf("\"rulePriority\" : 2"));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void minifiedMatchesEcrText() throws IOException {
    Path file = Files.writeString(directory.resolve("policy.json"), UNSORTED_POLICY);

    CliRun run = CliRun.run("lifecycle", "render", "--minified", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines())
        .containsExactly(
            "{\"rules\":[{\"rulePriority\":1,\"description\":\"untagged\",\"selection\":"
                + "{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":"
                + "\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}},"
                + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":100},\"action\":{\"type\":\"expire\"}}]}");
  }

  @Test
  void warningsGoToStandardError() throws IOException {
    Path file =
        Files.writeString(
            directory.resolve("policy.json"), ValidateCommandTest.POLICY_WITH_WARNING);

    CliRun run = CliRun.run("lifecycle", "render", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("{");
    assertThat(run.errLines()).singleElement().asString().startsWith("warning: rule 1: ");
  }

  @Test
  void invalidPolicyPrintsViolationsOnly() throws IOException {
    Path file =
        Files.writeString(directory.resolve("policy.json"), ValidateCommandTest.INVALID_POLICY);

    CliRun run = CliRun.run("lifecycle", "render", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines().get(0)).endsWith("is not a valid lifecycle policy (2 violations):");
  }

  @Test
  void missingFileIsUsageError() {
    CliRun run = CliRun.run("lifecycle", "render", directory.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not found");
  }
}
