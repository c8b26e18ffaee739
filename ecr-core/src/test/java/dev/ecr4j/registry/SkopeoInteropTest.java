package dev.ecr4j.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.Manifest;
import dev.ecr4j.oci.MediaTypes;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with skopeo, a real registry client: what ecr4j pushes, skopeo pulls and
 * verifies, and what skopeo pushes (OCI and Docker formats), ecr4j pulls and verifies.
 */
@Timeout(180)
class SkopeoInteropTest {

  @TempDir static Path shared;
  private static LocalRegistry registry;
  private static Path umociLayout;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    Tools.assumeInstalled("docker-registry", "docker-registry");
    Tools.assumeInstalled("umoci", "umoci");
    Tools.assumeInstalled("skopeo", "skopeo");
    registry = LocalRegistry.start(Files.createDirectories(shared.resolve("registry")));
    umociLayout = shared.resolve("umoci");
    UmociImages.build(umociLayout, "v1", 2, 150_000, 11);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static RegistryClient client() {
    return RegistryClient.builder().insecure(registry.address()).build();
  }

  private static String skopeo(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
    command.addAll(List.of(arguments));
    return Tools.run(command);
  }

  @Test
  void skopeo_pulls_what_ecr4j_pushed() throws Exception {
    OciLayout source = OciLayout.open(umociLayout);
    Digest pushed;
    try (RegistryClient client = client()) {
      pushed = client.push(source.image("v1"), registry.reference("interop/pushed:v1")).digest();
    }

    Path copy = temp.resolve("skopeo-copy");
    skopeo(
        "copy",
        "--src-tls-verify=false",
        "docker://" + registry.address() + "/interop/pushed:v1",
        "oci:" + copy + ":v1");
    // skopeo verifies every blob digest while copying; the manifest must arrive unchanged.
    assertThat(OciLayout.open(copy).image("v1").manifest().digest()).isEqualTo(pushed);
    String raw =
        skopeo(
            "inspect",
            "--raw",
            "--tls-verify=false",
            "docker://" + registry.address() + "/interop/pushed:v1");
    assertThat(Digest.sha256(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(pushed);
  }

  @Test
  void ecr4j_pulls_what_skopeo_pushed_as_oci() throws Exception {
    skopeo(
        "copy",
        "--dest-tls-verify=false",
        "oci:" + umociLayout + ":v1",
        "docker://" + registry.address() + "/interop/skopeo-oci:v1");
    Digest expected = OciLayout.open(umociLayout).image("v1").manifest().digest();

    OciLayout destination = OciLayout.create(temp.resolve("pulled"));
    try (RegistryClient client = client()) {
      TransferResult pulled =
          client.pull(registry.reference("interop/skopeo-oci:v1"), destination, "v1");
      assertThat(pulled.digest()).isEqualTo(expected);
    }
    // skopeo reads the layout ecr4j wrote.
    skopeo("inspect", "oci:" + destination.directory() + ":v1");
  }

  @Test
  void ecr4j_pulls_docker_schema2_and_manifest_list() throws Exception {
    Path layout = temp.resolve("multi");
    UmociImages.build(layout, "amd64", 1, 40_000, 12);
    UmociImages.build(layout, "arm64", 1, 40_000, 13);
    OciLayout oci = OciLayout.open(layout);
    Manifest amd64 = oci.image("amd64").manifest();
    Manifest arm64 = oci.image("arm64").manifest();
    ImageIndex index =
        ImageIndex.of(
            List.of(
                amd64.descriptor().withPlatform(Platform.parse("linux/amd64")),
                arm64.descriptor().withPlatform(Platform.parse("linux/arm64"))));
    oci.putManifest(index, Optional.of("multi"));

    skopeo(
        "copy",
        "--dest-tls-verify=false",
        "--format",
        "v2s2",
        "oci:" + layout + ":amd64",
        "docker://" + registry.address() + "/interop/docker:single");
    skopeo(
        "copy",
        "--all",
        "--dest-tls-verify=false",
        "--format",
        "v2s2",
        "oci:" + layout + ":multi",
        "docker://" + registry.address() + "/interop/docker:list");

    try (RegistryClient client = client()) {
      OciLayout single = OciLayout.create(temp.resolve("single"));
      client.pull(registry.reference("interop/docker:single"), single, "single");
      Manifest schema2 = single.image("single").manifest();
      assertThat(schema2.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(((ImageManifest) schema2).layers()).hasSize(1);

      OciLayout list = OciLayout.create(temp.resolve("list"));
      client.pull(
          registry.reference("interop/docker:list"), list, "list", Platform.parse("linux/arm64"));
      Manifest selected = list.image("list").manifest();
      assertThat(selected.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      ImageManifest selectedImage = (ImageManifest) selected;
      for (Descriptor blob : selectedImage.blobs()) {
        assertThat(list.contains(blob.digest())).isTrue();
      }
      Manifest root = client.open(registry.reference("interop/docker:list")).manifest();
      assertThat(root.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    }
  }
}
