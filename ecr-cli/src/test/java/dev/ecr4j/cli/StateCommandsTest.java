package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.SpecFiles;
import dev.ecr4j.state.SpecFormat;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Runs {@code plan}, {@code apply} and {@code import} against the embedded emulator. */
@Timeout(120)
class StateCommandsTest {

  private static final String SPEC =
      """
      region: us-east-1
      accountSettings:
        BLOB_MOUNTING: ENABLED
      repositories:
        team/web:
          imageTagMutability: IMMUTABLE
          tags:
            team: web
          lifecyclePolicy:
            rules:
              - rulePriority: 1
                selection:
                  tagStatus: untagged
                  countType: sinceImagePushed
                  countUnit: days
                  countNumber: 14
                action:
                  type: expire
        team/api: {}
      """;

  @TempDir Path directory;

  private EcrEmulator emulator;
  private Ecr4jClient ecr;
  private Path spec;

  @BeforeEach
  void start() throws Exception {
    emulator = EcrEmulator.start();
    ecr =
        Ecr4jClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .region(Region.US_EAST_1)
            .endpointOverride(emulator.endpoint())
            .rateLimitSettings(RateLimitSettings.unlimited())
            .build();
    spec = directory.resolve("registry.yaml");
    Files.writeString(spec, SPEC);
  }

  @AfterEach
  void stop() {
    ecr.close();
    emulator.close();
  }

  @Test
  void planExitCodes() {
    CliRun before = run("plan", spec.toString());
    CliRun apply = run("apply", spec.toString(), "--auto-approve");
    CliRun after = run("plan", spec.toString());

    assertThat(before.exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
    assertThat(before.out())
        .contains(
            "Plan for the registry in us-east-1: 3 to create, 1 to update, 0 to delete.",
            "~ account setting BLOB_MOUNTING",
            "+ repository team/web",
            "      imageTagMutability: IMMUTABLE",
            "      tags.team: \"web\"",
            "+ lifecycle policy of team/web");
    assertThat(apply.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(apply.out())
        .contains("applied: CREATE repository team/web", "Apply complete: 4 changes applied.");
    assertThat(after.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(after.out())
        .startsWith("No changes: registry 000000000000 in us-east-1 matches the specification.");
  }

  @Test
  void applyNeedsConfirmation() {
    InputStream stdin = System.in;
    CliRun declined;
    try {
      System.setIn(new ByteArrayInputStream("no\n".getBytes(StandardCharsets.UTF_8)));
      declined = run("apply", spec.toString());
    } finally {
      System.setIn(stdin);
    }

    assertThat(declined.exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
    assertThat(declined.out()).contains("Apply these changes? Only 'yes' is accepted:");
    assertThat(declined.err()).contains("Apply cancelled; nothing was changed.");
    assertThat(ecr.repositories().find("team/web")).isEmpty();
  }

  @Test
  void destructiveChangesNeedFlag() throws Exception {
    ecr.repositories().create("old");
    Files.writeString(spec, "repositories:\n  old: absent\n");

    CliRun refused = run("apply", spec.toString(), "--auto-approve");

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
    assertThat(refused.out()).contains("- repository old   <-- DESTRUCTIVE");
    assertThat(refused.err()).contains("--allow-destructive");
    assertThat(ecr.repositories().find("old")).isPresent();

    CliRun allowed = run("apply", spec.toString(), "--auto-approve", "--allow-destructive");

    assertThat(allowed.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(ecr.repositories().find("old")).isEmpty();
  }

  @Test
  void invalidSpecListsProblems() throws Exception {
    Files.writeString(
        spec,
        "repositories:\n  team/web:\n    scanOnPush: \"yes\"\n    lifecyclePolicy: absent\n"
            + "  Upper: {}\nrepositorys: {}\n");

    CliRun result = run("plan", spec.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.errLines())
        .first()
        .asString()
        .contains("registry.yaml")
        .endsWith("is invalid (3 problems):");
    assertThat(result.err())
        .contains(
            "$.repositorys: The key \"repositorys\" is unknown; did you mean \"repositories\"?",
            "$.repositories['team/web'].scanOnPush: The value \"yes\" is not a boolean. Fix: Write"
                + " true or false, without quotes.",
            "$.repositories.Upper: The repository name \"Upper\" is invalid");
  }

  @Test
  void missingSpecIsUsageError() {
    CliRun result = run("plan", directory.resolve("missing.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void unreachableEndpointIsEcrFailure() {
    CliRun result =
        CliRun.run(
            "plan",
            spec.toString(),
            "--endpoint",
            "http://127.0.0.1:1",
            "--region",
            "us-east-1",
            "--access-key-id",
            "test",
            "--secret-access-key",
            "test");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.ECR_FAILURE);
    assertThat(result.err()).startsWith("error: Reading the registry failed:");
    assertThat(result.err()).doesNotContain("secret");
  }

  @Test
  void importRoundTrips() throws Exception {
    run("apply", spec.toString(), "--auto-approve");
    ecr.lifecycle().put("team/api", LifecyclePolicy.builder().untagged().keepNewest(3).build());
    Path imported = directory.resolve("imported.json");

    CliRun result = run("import", "--format", "json", "--output", imported.toString());
    CliRun plan = run("plan", imported.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.err()).contains("Imported 2 repositories into");
    assertThat(plan.exitCode()).as(plan.out()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void importAsJavaCompiles() throws Exception {
    run("apply", spec.toString(), "--auto-approve");
    CliRun java =
        run("import", "--format", "java", "--java-package", "example", "--java-class", "Registry");
    CliRun yaml = run("import");
    RegistrySpec expected = SpecFiles.parse(yaml.out(), SpecFormat.YAML, "import");

    Path source = directory.resolve("example/Registry.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, java.out());
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>();
    arguments.add("-classpath");
    arguments.add(System.getProperty("java.class.path"));
    arguments.add("-d");
    arguments.add(directory.toString());
    arguments.add(source.toString());
    int compiled = compiler.run(null, null, null, arguments.toArray(String[]::new));

    assertThat(compiled).isZero();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {directory.toUri().toURL()}, StateCommandsTest.class.getClassLoader())) {
      Method specMethod = loader.loadClass("example.Registry").getMethod("spec");
      assertThat(specMethod.invoke(null)).isEqualTo(expected);
    }
  }

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[0].equals("help")) {
      all.addAll(
          List.of(
              "--endpoint",
              emulator.endpoint().toString(),
              "--region",
              "us-east-1",
              "--access-key-id",
              "test",
              "--secret-access-key",
              "test"));
    }
    return CliRun.run(all.toArray(String[]::new));
  }
}
