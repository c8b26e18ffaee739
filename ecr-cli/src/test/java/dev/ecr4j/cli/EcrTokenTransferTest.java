package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.oci.ImageBuilder;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import dev.ecr4j.registry.ImageReference;
import dev.ecr4j.registry.RegistryAuth;
import dev.ecr4j.registry.RegistryClient;
import dev.ecr4j.registry.RegistryException;
import dev.ecr4j.registry.TransferResult;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * ECR tokens end to end: the emulator issues a token with GetAuthorizationToken, Debian's
 * docker-registry accepts that token's user and password through htpasswd, and the registry client
 * pushes with {@code RegistryAuth.ecr}.
 */
@Timeout(60)
class EcrTokenTransferTest {

  private static final String ACCOUNT = "000000000000";

  @TempDir Path temp;
  private String address = "";

  @Test
  void push_with_ecr_token() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/docker-registry")),
        "docker-registry is not installed; install the Debian package docker-registry");
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
      AuthorizationToken token = ecr.authorization().token(ACCOUNT);
      String hash = bcrypt(token.password());
      assumeTrue(hash.startsWith("$2"), "Python 3's crypt module produced no bcrypt hash");

      Process registry = startRegistry(token.username() + ":" + hash);
      try {
        OciLayout layout = OciLayout.create(temp.resolve("layout"));
        Path files = Files.createDirectories(temp.resolve("files"));
        Files.writeString(files.resolve("hello.txt"), "hello\n");
        ImageBuilder.create(Platform.parse("linux/amd64"))
            .addLayer(files, "/app")
            .entrypoint(List.of("/bin/cat", "/app/hello.txt"))
            .build(layout, "v1");
        ImageReference target = ImageReference.parse(address + "/ecr/app:v1");

        try (RegistryClient client =
            RegistryClient.builder()
                .insecure(address)
                .auth(address, RegistryAuth.ecr(ecr.authorization(), ACCOUNT))
                .build()) {
          TransferResult pushed = client.push(layout.image("v1"), target);
          assertThat(pushed.blobsTransferred()).isEqualTo(2);
          assertThat(client.tags(target)).containsExactly("v1");
        }
        try (RegistryClient anonymous = RegistryClient.builder().insecure(address).build()) {
          assertThatThrownBy(() -> anonymous.tags(target))
              .isInstanceOf(RegistryException.class)
              .hasMessageContaining("HTTP 401");
        }
      } finally {
        registry.destroy();
        registry.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void cli_push_to_emulator_with_endpoint_url() throws Exception {
    OciLayout layout = OciLayout.create(temp.resolve("layout"));
    Path files = Files.createDirectories(temp.resolve("files"));
    Files.writeString(files.resolve("hello.txt"), "hello\n");
    ImageBuilder.create(Platform.parse("linux/amd64")).addLayer(files, "/app").build(layout, "v1");
    // The default credentials chain reads these system properties before anything else.
    String previousKey = System.setProperty("aws.accessKeyId", "test");
    String previousSecret = System.setProperty("aws.secretAccessKey", "test");
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
      ecr.repositories().create("app");
      String host = emulator.endpoint().getAuthority();
      String target = host + "/" + ACCOUNT + "/us-east-1/app:v1";
      String endpoint = emulator.endpoint().toString();

      CliRun push =
          CliRun.run(
              "push",
              "oci:" + temp.resolve("layout") + ":v1",
              target,
              "--insecure",
              "--ecr-endpoint-url",
              endpoint);
      CliRun pull =
          CliRun.run(
              "pull",
              target,
              "oci:" + temp.resolve("pulled") + ":v1",
              "--insecure",
              "--ecr-endpoint-url",
              endpoint,
              "-q");

      assertThat(push.exitCode()).as(push.err()).isZero();
      assertThat(push.out()).contains("pushed " + target + "@sha256:");
      assertThat(pull.exitCode()).as(pull.err()).isZero();
      assertThat(OciLayout.open(temp.resolve("pulled")).image("v1").manifest().digest())
          .isEqualTo(layout.image("v1").manifest().digest());
    } finally {
      restore("aws.accessKeyId", previousKey);
      restore("aws.secretAccessKey", previousSecret);
    }
  }

  private static void restore(String property, @Nullable String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }

  private Process startRegistry(String htpasswdLine) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    address = "127.0.0.1:" + port;
    Path htpasswd = temp.resolve("htpasswd");
    Files.writeString(htpasswd, htpasswdLine + "\n", StandardCharsets.UTF_8);
    Path config = temp.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n"
            + "  filesystem:\n    rootdirectory: "
            + temp.resolve("storage")
            + "\nhttp:\n  addr: "
            + address
            + "\nauth:\n  htpasswd:\n    realm: ecr\n    path: "
            + htpasswd
            + "\n",
        StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("registry.log").toFile())
            .start();
    for (int i = 0; i < 200; i++) {
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
        if (connection.getResponseCode() == 401) {
          return process;
        }
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    process.destroy();
    throw new IOException("docker-registry did not start");
  }

  /** Hashes {@code password} with bcrypt through Python's crypt module, as htpasswd files need. */
  private static String bcrypt(String password) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "python3",
                "-W",
                "ignore",
                "-c",
                "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))",
                password)
            .redirectErrorStream(true)
            .start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    process.waitFor(30, TimeUnit.SECONDS);
    return output;
  }
}
