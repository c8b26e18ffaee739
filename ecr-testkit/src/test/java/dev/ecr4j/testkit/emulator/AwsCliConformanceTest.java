package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the emulator with the real AWS CLI: Debian's awscli v2 ({@code /usr/bin/aws}) and the
 * Python aws-cli v1 ({@code python3 -m awscli}). A CLI that is not installed is skipped.
 */
class AwsCliConformanceTest {

  private static final String CLI_V2 = "v2";
  private static final String CLI_V1 = "v1";

  private static EcrEmulator emulator;

  @TempDir static Path home;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI_V2, CLI_V1})
  void repositoryLifecycle(String cli) throws Exception {
    List<String> aws = command(cli);
    String name = "cli-" + cli + "/app";

    Result created = run(aws, "ecr", "create-repository", "--repository-name", name);
    Result described = run(aws, "ecr", "describe-repositories", "--repository-names", name);
    Result deleted = run(aws, "ecr", "delete-repository", "--repository-name", name);

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out())
        .contains(
            "\"repositoryUri\": \""
                + emulator.registryHost()
                + "/000000000000/us-east-1/"
                + name
                + "\"");
    assertThat(described.out()).contains("\"repositoryName\": \"" + name + "\"");
    assertThat(deleted.exitCode()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI_V2, CLI_V1})
  void paginationFollowsTokens(String cli) throws Exception {
    List<String> aws = command(cli);
    for (int i = 0; i < 3; i++) {
      run(aws, "ecr", "create-repository", "--repository-name", "page-" + cli + "-" + i);
    }

    Result listed =
        run(
            aws,
            "ecr",
            "describe-repositories",
            "--page-size",
            "1",
            "--query",
            "repositories[].repositoryName",
            "--output",
            "text");

    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("page-" + cli + "-0", "page-" + cli + "-1", "page-" + cli + "-2");
    for (int i = 0; i < 3; i++) {
      run(aws, "ecr", "delete-repository", "--repository-name", "page-" + cli + "-" + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI_V2, CLI_V1})
  void loginPasswordDecodes(String cli) throws Exception {
    Result password = run(command(cli), "ecr", "get-login-password");

    assertThat(password.exitCode()).as(password.err()).isZero();
    assertThat(password.out().trim()).isNotEmpty().doesNotContain(":");
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI_V2, CLI_V1})
  void errorsReachTheCli(String cli) throws Exception {
    List<String> aws = command(cli);

    Result missing = run(aws, "ecr", "describe-repositories", "--repository-names", "absent");
    Result invalid = run(aws, "ecr", "create-repository", "--repository-name", "Bad_Name");

    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err())
        .contains(
            "(RepositoryNotFoundException) when calling the DescribeRepositories operation: The"
                + " repository with name 'absent' does not exist in the registry with id"
                + " '000000000000'");
    assertThat(invalid.err()).contains("(InvalidParameterException)");
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI_V2, CLI_V1})
  void publicRepositoryWithCatalogData(String cli) throws Exception {
    List<String> aws = command(cli);
    String name = "pub-" + cli;

    Result created =
        run(
            aws,
            "ecr-public",
            "create-repository",
            "--repository-name",
            name,
            "--catalog-data",
            "description=Demo image");
    Result catalog =
        run(aws, "ecr-public", "get-repository-catalog-data", "--repository-name", name);
    Result deleted = run(aws, "ecr-public", "delete-repository", "--repository-name", name);

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(catalog.out()).contains("\"description\": \"Demo image\"");
    assertThat(deleted.exitCode()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {CLI_V2, CLI_V1})
  void publicImagePutDescribeAndDelete(String cli) throws Exception {
    List<String> aws = command(cli);
    String name = "pub-images-" + cli;
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\"sha256:"
            + "1".repeat(64)
            + "\",\"size\":10},\"layers\":[]}";
    run(aws, "ecr-public", "create-repository", "--repository-name", name);

    Result put =
        run(
            aws,
            "ecr-public",
            "put-image",
            "--repository-name",
            name,
            "--image-tag",
            "v1",
            "--image-manifest",
            manifest);
    Result again =
        run(
            aws,
            "ecr-public",
            "put-image",
            "--repository-name",
            name,
            "--image-tag",
            "v1",
            "--image-manifest",
            manifest);
    Result wrongDigest =
        run(
            aws,
            "ecr-public",
            "put-image",
            "--repository-name",
            name,
            "--image-digest",
            "sha256:" + "0".repeat(64),
            "--image-manifest",
            manifest);
    Result described =
        run(
            aws,
            "ecr-public",
            "describe-images",
            "--repository-name",
            name,
            "--image-ids",
            "imageTag=v1");
    Result missing =
        run(
            aws,
            "ecr-public",
            "describe-images",
            "--repository-name",
            name,
            "--image-ids",
            "imageTag=absent");
    Result tags = run(aws, "ecr-public", "describe-image-tags", "--repository-name", name);
    Result deleted =
        run(
            aws,
            "ecr-public",
            "batch-delete-image",
            "--repository-name",
            name,
            "--image-ids",
            "imageTag=v1",
            "imageTag=absent");

    assertThat(put.exitCode()).as(put.err()).isZero();
    assertThat(put.out()).contains("\"imageTag\": \"v1\"");
    assertThat(again.err())
        .contains("(ImageAlreadyExistsException) when calling the PutImage operation");
    assertThat(wrongDigest.err())
        .contains("(ImageDigestDoesNotMatchException) when calling the PutImage operation");
    assertThat(described.out()).contains("\"imageTags\": [").contains("\"v1\"");
    assertThat(missing.err())
        .contains(
            "(ImageNotFoundException) when calling the DescribeImages operation: The image with"
                + " imageId {imageDigest:'null', imageTag:'absent'} does not exist within the"
                + " repository with name '"
                + name
                + "'");
    assertThat(tags.out()).contains("\"imageTag\": \"v1\"").contains("\"createdAt\"");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("\"failureCode\": \"ImageNotFound\"");
    assertThat(run(aws, "ecr-public", "describe-images", "--repository-name", name).out())
        .contains("\"imageDetails\": []");
  }

  /** Returns the command that runs {@code cli}, skipping the test when it is not installed. */
  private static List<String> command(String cli) throws Exception {
    if (cli.equals(CLI_V2)) {
      assumeTrue(
          Files.isExecutable(Path.of("/usr/bin/aws")),
          "AWS CLI v2 is not installed at /usr/bin/aws (Debian package awscli)");
      return List.of("/usr/bin/aws");
    }
    Result probe = run(List.of("python3", "-m", "awscli"), "--version");
    assumeTrue(probe.exitCode() == 0, "AWS CLI v1 is not importable: python3 -m awscli failed");
    return List.of("python3", "-m", "awscli");
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(List<String> command, String... args)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of(args));
    if (!args[0].startsWith("--")) {
      full.addAll(
          List.of(
              "--endpoint-url",
              emulator.endpoint().toString(),
              "--region",
              "us-east-1",
              "--output",
              "json"));
    }
    ProcessBuilder builder = new ProcessBuilder(full);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_PAGER", "");
    env.put("HOME", home.toString());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(127, "", e.getMessage() == null ? "" : e.getMessage());
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("The AWS CLI did not finish within 60 s: " + full);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
