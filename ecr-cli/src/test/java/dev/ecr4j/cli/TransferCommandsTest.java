package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecr4j.oci.ImageBuilder;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecr4j push}, {@code pull} and {@code copy} against Debian's docker-registry. */
@Timeout(120)
class TransferCommandsTest {

  @TempDir static Path shared;
  private static Process registry;
  private static String address;
  private static Path layout;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/docker-registry")),
        "docker-registry is not installed; install the Debian package docker-registry");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    address = "127.0.0.1:" + port;
    Path config = shared.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n"
            + "  filesystem:\n    rootdirectory: "
            + shared.resolve("storage")
            + "\nhttp:\n  addr: "
            + address
            + "\n",
        StandardCharsets.UTF_8);
    registry =
        new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(shared.resolve("registry.log").toFile())
            .start();
    awaitReady();

    Path files = Files.createDirectories(shared.resolve("files"));
    Files.writeString(files.resolve("hello.txt"), "hello\n");
    layout = shared.resolve("layout");
    ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(files, "/app")
        .entrypoint(List.of("/bin/cat", "/app/hello.txt"))
        .build(OciLayout.create(layout), "v1");
  }

  private static void awaitReady() throws Exception {
    for (int i = 0; i < 200; i++) {
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("docker-registry did not start");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.destroy();
      registry.waitFor();
    }
  }

  @Test
  void push_pull_and_copy() throws IOException {
    CliRun push =
        CliRun.run("push", "oci:" + layout + ":v1", address + "/cli/app:v1", "--insecure");
    assertThat(push.exitCode()).as(push.err()).isEqualTo(ExitCodes.OK);
    assertThat(push.outLines())
        .last()
        .asString()
        .startsWith("pushed " + address + "/cli/app:v1@sha256:");
    assertThat(push.out()).contains("manifest sha256:").contains("tagged v1");

    CliRun pull =
        CliRun.run(
            "pull",
            address + "/cli/app:v1",
            "oci:" + temp.resolve("pulled") + ":copy",
            "--insecure",
            "--quiet");
    assertThat(pull.exitCode()).as(pull.err()).isEqualTo(ExitCodes.OK);
    assertThat(pull.outLines()).hasSize(1);
    assertThat(OciLayout.open(temp.resolve("pulled")).tags()).containsExactly("copy");

    CliRun copy =
        CliRun.run("copy", address + "/cli/app:v1", address + "/cli/other:v1", "--insecure", "-q");
    assertThat(copy.exitCode()).as(copy.err()).isEqualTo(ExitCodes.OK);
    assertThat(copy.out()).contains("2 mounted");

    Path archive = temp.resolve("image.tar");
    CliRun toArchive =
        CliRun.run(
            "pull",
            address + "/cli/other:v1",
            "docker-archive:" + archive + ":cli/other:v1",
            "--insecure",
            "-q");
    assertThat(toArchive.exitCode()).as(toArchive.err()).isEqualTo(ExitCodes.OK);
    CliRun fromArchive =
        CliRun.run(
            "push",
            "docker-archive:" + archive,
            address + "/cli/from-archive:v1",
            "--insecure",
            "-q");
    assertThat(fromArchive.exitCode()).as(fromArchive.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void platform_is_checked_for_single_images() throws IOException {
    CliRun wrong =
        CliRun.run(
            "copy",
            "oci:" + layout + ":v1",
            "oci:" + temp.resolve("arm") + ":v1",
            "--platform",
            "linux/arm64");
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err())
        .contains("The image is for platform linux/amd64, not linux/arm64")
        .contains("leave out the platform or choose linux/amd64");

    CliRun pushed =
        CliRun.run(
            "push",
            "oci:" + layout + ":v1",
            address + "/cli/platform:v1",
            "--insecure",
            "-q",
            "--platform",
            "linux/amd64");
    assertThat(pushed.exitCode()).as(pushed.err()).isEqualTo(ExitCodes.OK);

    CliRun copied =
        CliRun.run(
            "copy",
            address + "/cli/platform:v1",
            address + "/cli/platform-copy:v1",
            "--insecure",
            "-q",
            "--platform",
            "linux/arm64");
    assertThat(copied.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(copied.err()).contains("/cli/platform:v1: The image is for platform linux/amd64");

    // A pull that fails this way leaves no layout behind.
    Path notCreated = temp.resolve("not-created");
    CliRun pulled =
        CliRun.run(
            "pull",
            address + "/cli/platform:v1",
            "oci:" + notCreated + ":v1",
            "--insecure",
            "--platform",
            "linux/arm64");
    assertThat(pulled.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notCreated).doesNotExist();
  }

  @Test
  void docker_archive_of_an_index_needs_a_platform() throws IOException {
    Path files = Files.createDirectories(temp.resolve("index-files"));
    Files.writeString(files.resolve("a.txt"), "a\n");
    OciLayout multi = OciLayout.create(temp.resolve("multi"));
    ImageManifest amd64 =
        ImageBuilder.create(Platform.parse("linux/amd64"))
            .addLayer(files, "/a")
            .build(multi, "amd64");
    ImageManifest arm64 =
        ImageBuilder.create(Platform.parse("linux/arm64/v8"))
            .addLayer(files, "/a")
            .build(multi, "arm64");
    multi.putManifest(
        ImageIndex.of(
            List.of(
                amd64.descriptor().withPlatform(Platform.parse("linux/amd64")),
                arm64.descriptor().withPlatform(Platform.parse("linux/arm64/v8")))),
        Optional.of("multi"));

    CliRun local =
        CliRun.run(
            "copy",
            "oci:" + multi.directory() + ":multi",
            "docker-archive:" + temp.resolve("a.tar"));
    assertThat(local.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(local.err()).contains("Choose one with --platform");

    CliRun pushed =
        CliRun.run(
            "push",
            "oci:" + multi.directory() + ":multi",
            address + "/cli/multi:1",
            "--insecure",
            "-q");
    assertThat(pushed.exitCode()).as(pushed.err()).isEqualTo(ExitCodes.OK);
    CliRun remote =
        CliRun.run(
            "pull",
            address + "/cli/multi:1",
            "docker-archive:" + temp.resolve("b.tar"),
            "--insecure");
    assertThat(remote.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(remote.err()).contains("is a multi-platform index. Choose one with --platform");

    CliRun one =
        CliRun.run(
            "pull",
            address + "/cli/multi:1",
            "docker-archive:" + temp.resolve("c.tar"),
            "--insecure",
            "-q",
            "--platform",
            "linux/arm64");
    assertThat(one.exitCode()).as(one.err()).isEqualTo(ExitCodes.OK);
    assertThat(temp.resolve("c.tar")).isRegularFile();
  }

  @Test
  void unwritable_destination_fails_before_download() throws IOException {
    CliRun noDirectory =
        CliRun.run(
            "pull",
            address + "/cli/app:v1",
            "docker-archive:" + temp.resolve("missing/dir/x.tar"),
            "--insecure");
    assertThat(noDirectory.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noDirectory.err()).contains("missing/dir does not exist. Create it first");

    Path file = Files.writeString(temp.resolve("policy.json"), "{}");
    CliRun layoutIsFile =
        CliRun.run("pull", address + "/cli/app:v1", "oci:" + file + ":1", "--insecure");
    assertThat(layoutIsFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(layoutIsFile.err())
        .contains("policy.json is a file. Give a new or existing directory");
  }

  @Test
  void invalid_reference_is_usage_error() {
    CliRun run = CliRun.run("push", "oci:" + layout + ":v1", "app:v1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0)).startsWith("error: Invalid image location 'app:v1'");
  }

  @Test
  void wrong_direction_is_usage_error() {
    CliRun run = CliRun.run("push", address + "/cli/app:v1", "oci:" + temp + ":v1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0)).contains("use 'ecr4j copy'");
  }

  @Test
  void insecure_remote_registry_is_usage_error() {
    CliRun run =
        CliRun.run("push", "oci:" + layout + ":v1", "registry.example.com/app:v1", "--insecure");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Plain HTTP is allowed only for registries on this machine");
  }

  @Test
  void missing_layout_is_usage_error() {
    CliRun run =
        CliRun.run(
            "push", "oci:" + temp.resolve("absent") + ":v1", address + "/cli/app:v1", "--insecure");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("does not exist");
  }

  @Test
  void unreachable_registry_fails_transfer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CliRun run =
        CliRun.run(
            "push",
            "oci:" + layout + ":v1",
            "127.0.0.1:" + closedPort + "/app:v1",
            "--insecure",
            "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).startsWith("error: push failed");
  }

  @Test
  void plain_http_registry_without_insecure_names_fix() {
    CliRun run = CliRun.run("push", "oci:" + layout + ":v1", address + "/cli/app:tls", "-q");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("TLS handshake");
    assertThat(run.err()).contains("if the registry serves plain HTTP, add --insecure");
  }

  @Test
  void password_without_username_is_usage_error() {
    CliRun run =
        CliRun.run("push", "oci:" + layout + ":v1", address + "/cli/app:v1", "--password", "x");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("a password needs --username");
    assertThat(run.err()).doesNotContain("x\n");
  }
}
