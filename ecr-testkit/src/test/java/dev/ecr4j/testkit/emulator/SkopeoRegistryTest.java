package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;

/**
 * Pushes and pulls real OCI images, built by umoci, through the emulator's registry API with
 * skopeo, and checks that the control plane reports the same images and layers. Skipped with the
 * reason when skopeo or umoci is missing.
 */
class SkopeoRegistryTest {

  @TempDir static Path work;

  private static EcrEmulator emulator;
  private static EcrClient ecr;
  private static Path authFile;
  private static Path layout;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.assumeSkopeoAndUmoci();
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
    authFile = writeAuthFile(emulator, ecr, work.resolve("auth.json"));
    layout = work.resolve("layout");
    ExternalTools.buildImage(
        work,
        layout,
        "v1",
        List.of(
            ExternalTools.randomBytes(300_000, 1),
            "hello from ecr4j\n".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      ecr.close();
      emulator.close();
    }
  }

  /**
   * Writes a containers-auth.json with a token from GetAuthorizationToken, so the token never
   * appears on a command line.
   */
  static Path writeAuthFile(EcrEmulator emulator, EcrClient ecr, Path file) throws Exception {
    AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);
    String json =
        "{\"auths\":{\""
            + emulator.registryHost()
            + "\":{\"auth\":\""
            + data.authorizationToken()
            + "\"}}}";
    Files.writeString(file, json);
    return file;
  }

  private static String docker(String repository, String tag) {
    return "docker://"
        + emulator.repositoryUri("000000000000", "us-east-1", repository)
        + ":"
        + tag;
  }

  private static ExternalTools.Result skopeo(String... arguments) throws Exception {
    String[] command = new String[arguments.length + 2];
    command[0] = "skopeo";
    command[1] = arguments[0];
    command[2] = "--authfile=" + authFile;
    System.arraycopy(arguments, 1, command, 3, arguments.length - 1);
    return ExternalTools.run(work, command);
  }

  @Test
  void pushedImageIsVisibleToControlPlane() throws Exception {
    ecr.createRepository(r -> r.repositoryName("team/app"));

    ExternalTools.Result push =
        skopeo(
            "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", docker("team/app", "v1"));
    assertThat(push.exitCode()).as(push.error()).isZero();

    ImageDetail image = ecr.describeImages(r -> r.repositoryName("team/app")).imageDetails().get(0);
    assertThat(image.imageTags()).containsExactly("v1");
    assertThat(image.imageManifestMediaType())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    String manifest =
        ecr.batchGetImage(
                r ->
                    r.repositoryName("team/app")
                        .imageIds(ImageIdentifier.builder().imageTag("v1").build()))
            .images()
            .get(0)
            .imageManifest();
    assertThat(manifest).contains("\"layers\"");
    String layer =
        manifest.replaceAll("(?s).*\"layers\":\\[\\{[^}]*\"digest\":\"([^\"]+)\".*", "$1");
    assertThat(
            ecr.batchCheckLayerAvailability(r -> r.repositoryName("team/app").layerDigests(layer))
                .layers()
                .get(0)
                .layerAvailability())
        .isEqualTo(LayerAvailability.AVAILABLE);
  }

  @Test
  void pulledImageMatchesPushedImage() throws Exception {
    ecr.createRepository(r -> r.repositoryName("roundtrip"));
    ExternalTools.Result push =
        skopeo(
            "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", docker("roundtrip", "v1"));
    assertThat(push.exitCode()).as(push.error()).isZero();

    Path pulled = work.resolve("pulled");
    ExternalTools.Result pull =
        skopeo(
            "copy", "--src-tls-verify=false", docker("roundtrip", "v1"), "oci:" + pulled + ":v1");
    assertThat(pull.exitCode()).as(pull.error()).isZero();

    ExternalTools.Result original =
        ExternalTools.require(work, "skopeo", "inspect", "--raw", "oci:" + layout + ":v1");
    ExternalTools.Result copy =
        ExternalTools.require(work, "skopeo", "inspect", "--raw", "oci:" + pulled + ":v1");
    assertThat(copy.output()).isEqualTo(original.output());
    assertThat(
            ecr.describeImages(r -> r.repositoryName("roundtrip"))
                .imageDetails()
                .get(0)
                .lastRecordedPullTime())
        .isNotNull();
  }

  @Test
  void tagsListedBySkopeo() throws Exception {
    ecr.createRepository(r -> r.repositoryName("tags"));
    for (String tag : List.of("v1", "v2", "latest")) {
      ExternalTools.Result push =
          skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", docker("tags", tag));
      assertThat(push.exitCode()).as(push.error()).isZero();
    }

    ExternalTools.Result tags =
        skopeo(
            "list-tags",
            "--tls-verify=false",
            "docker://" + emulator.repositoryUri("000000000000", "us-east-1", "tags"));
    assertThat(tags.exitCode()).as(tags.error()).isZero();
    assertThat(tags.output()).contains("\"latest\"", "\"v1\"", "\"v2\"");
  }

  @Test
  void pushToMissingRepositoryFails() throws Exception {
    ExternalTools.Result push =
        skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", docker("missing", "v1"));
    assertThat(push.exitCode()).isNotZero();
    assertThat(push.error()).contains("does not exist in the registry with id '000000000000'");
  }

  @Test
  void immutableTagRejectsSecondPush() throws Exception {
    ecr.createRepository(r -> r.repositoryName("frozen").imageTagMutability("IMMUTABLE"));
    ExternalTools.Result first =
        skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", docker("frozen", "v1"));
    assertThat(first.exitCode()).as(first.error()).isZero();

    ExternalTools.Result second =
        skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", docker("frozen", "v1"));
    assertThat(second.exitCode()).isNotZero();
    assertThat(second.error()).contains("cannot be overwritten because the tag is immutable");
  }

  @Test
  void copyBetweenRepositoriesMountsBlobs() throws Exception {
    ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("ENABLED"));
    ecr.createRepository(r -> r.repositoryName("mount/source"));
    ecr.createRepository(r -> r.repositoryName("mount/target"));
    ExternalTools.Result push =
        skopeo(
            "copy",
            "--dest-tls-verify=false",
            "oci:" + layout + ":v1",
            docker("mount/source", "v1"));
    assertThat(push.exitCode()).as(push.error()).isZero();

    ExternalTools.Result copy =
        skopeo(
            "copy",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            docker("mount/source", "v1"),
            docker("mount/target", "v1"));
    assertThat(copy.exitCode()).as(copy.error()).isZero();
    assertThat(ecr.describeImages(r -> r.repositoryName("mount/target")).imageDetails()).hasSize(1);
  }
}
