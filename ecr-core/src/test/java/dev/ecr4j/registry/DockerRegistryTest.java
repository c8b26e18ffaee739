package dev.ecr4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.retry.RetrySettings;
import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageManifest;
import dev.ecr4j.oci.ImageSource;
import dev.ecr4j.oci.Manifest;
import dev.ecr4j.oci.MediaTypes;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tests push, pull and copy against Debian's docker-registry, with images built by umoci. */
@Timeout(120)
class DockerRegistryTest {

  @TempDir static Path shared;
  private static LocalRegistry registry;
  private static Path umociLayout;

  @TempDir Path temp;

  @BeforeAll
  static void startRegistry() throws Exception {
    Tools.assumeInstalled("docker-registry", "docker-registry");
    Tools.assumeInstalled("umoci", "umoci");
    registry = LocalRegistry.start(Files.createDirectories(shared.resolve("registry")));
    umociLayout = shared.resolve("umoci");
    UmociImages.build(umociLayout, "v1", 3, 200_000, 1);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static RegistryClient.Builder client() {
    return RegistryClient.builder()
        .insecure(registry.address())
        .retrySettings(RetrySettings.builder().baseDelay(java.time.Duration.ofMillis(10)).build());
  }

  @Test
  void push_then_pull_round_trips() throws IOException {
    OciLayout source = OciLayout.open(umociLayout);
    ImageReference target = registry.reference("roundtrip/app:v1");
    try (RegistryClient client = client().build()) {
      TransferResult pushed = client.push(source.image("v1"), target);
      assertThat(pushed.blobsTransferred()).isEqualTo(4);
      assertThat(pushed.digest()).isEqualTo(source.image("v1").manifest().digest());
      assertThat(client.tags(target)).containsExactly("v1");

      OciLayout destination = OciLayout.create(temp.resolve("pulled"));
      TransferResult pulled = client.pull(target, destination, "copy");
      assertThat(pulled.digest()).isEqualTo(pushed.digest());
      assertThat(pulled.blobsTransferred()).isEqualTo(4);
      ImageManifest manifest = (ImageManifest) destination.image("copy").manifest();
      for (Descriptor blob : manifest.blobs()) {
        assertThat(
                Files.mismatch(destination.blobPath(blob.digest()), source.blobPath(blob.digest())))
            .isEqualTo(-1L);
      }
    }
  }

  @Test
  void second_push_skips_existing_blobs() throws IOException {
    ImageSource image = OciLayout.open(umociLayout).image("v1");
    ImageReference target = registry.reference("again/app:v1");
    try (RegistryClient client = client().build()) {
      client.push(image, target);
      TransferResult second = client.push(image, target);
      assertThat(second.blobsTransferred()).isZero();
      assertThat(second.blobsExisting()).isEqualTo(4);
    }
  }

  @Test
  void pull_by_digest_verifies_digest() throws IOException {
    ImageSource image = OciLayout.open(umociLayout).image("v1");
    try (RegistryClient client = client().build()) {
      Digest digest = client.push(image, registry.reference("bydigest/app:v1")).digest();
      OciLayout destination = OciLayout.create(temp.resolve("by-digest"));
      client.pull(registry.reference("bydigest/app@" + digest), destination, "pinned");
      assertThat(destination.image("pinned").manifest().digest()).isEqualTo(digest);
      assertThat(client.resolve(registry.reference("bydigest/app:v1")).orElseThrow().digest())
          .isEqualTo(digest);
      assertThat(client.resolve(registry.reference("bydigest/app:missing"))).isEmpty();
    }
  }

  @Test
  void copy_mounts_blobs_within_registry() throws IOException {
    try (RegistryClient client = client().build()) {
      client.push(OciLayout.open(umociLayout).image("v1"), registry.reference("mount/source:v1"));
      TransferResult copied =
          client.copy(registry.reference("mount/source:v1"), registry.reference("mount/target:v1"));
      assertThat(copied.blobsMounted()).isEqualTo(4);
      assertThat(copied.blobsTransferred()).isZero();
      assertThat(client.resolve(registry.reference("mount/target:v1")).orElseThrow().digest())
          .isEqualTo(copied.digest());
    }
  }

  @Test
  void copy_between_registries_streams_blobs() throws Exception {
    try (LocalRegistry second =
            LocalRegistry.start(Files.createDirectories(temp.resolve("second")));
        RegistryClient client = client().insecure(second.address()).build()) {
      Digest digest =
          client
              .push(OciLayout.open(umociLayout).image("v1"), registry.reference("cross/app:v1"))
              .digest();

      TransferResult copied =
          client.copy(registry.reference("cross/app:v1"), second.reference("mirror/app:v1"));
      assertThat(copied.digest()).isEqualTo(digest);
      assertThat(copied.blobsTransferred()).isEqualTo(4);
      assertThat(copied.blobsMounted()).isZero();

      TransferResult again =
          client.copy(registry.reference("cross/app:v1"), second.reference("mirror/app:v2"));
      assertThat(again.blobsExisting()).isEqualTo(4);
      assertThat(again.bytesTransferred()).isZero();
      assertThat(client.tags(second.reference("mirror/app:v1")))
          .containsExactlyInAnyOrder("v1", "v2");
    }
  }

  @Test
  void multi_platform_index_push_and_platform_pull() throws Exception {
    Path layout = temp.resolve("multi");
    UmociImages.build(layout, "amd64", 1, 50_000, 2);
    UmociImages.build(layout, "arm64", 1, 50_000, 3);
    OciLayout oci = OciLayout.open(layout);
    Manifest amd64 = oci.image("amd64").manifest();
    Manifest arm64 = oci.image("arm64").manifest();
    ImageIndex index =
        ImageIndex.of(
            List.of(
                amd64.descriptor().withPlatform(Platform.parse("linux/amd64")),
                arm64.descriptor().withPlatform(Platform.parse("linux/arm64/v8"))));
    oci.putManifest(index, Optional.of("multi"));

    try (RegistryClient client = client().build()) {
      TransferResult pushed = client.push(oci.image("multi"), registry.reference("multi/app:1.0"));
      assertThat(pushed.digest()).isEqualTo(index.digest());
      assertThat(client.resolve(registry.reference("multi/app@" + amd64.digest()))).isPresent();

      OciLayout one = OciLayout.create(temp.resolve("one"));
      client.pull(registry.reference("multi/app:1.0"), one, "arm", Platform.parse("linux/arm64"));
      assertThat(one.image("arm").manifest().digest()).isEqualTo(arm64.digest());

      OciLayout all = OciLayout.create(temp.resolve("all"));
      client.pull(registry.reference("multi/app:1.0"), all, "all");
      assertThat(all.image("all").manifest().digest()).isEqualTo(index.digest());
      assertThat(all.contains(amd64.digest())).isTrue();
      assertThat(all.contains(arm64.digest())).isTrue();

      OciLayout none = OciLayout.create(temp.resolve("none"));
      assertThatThrownBy(
              () ->
                  client.pull(
                      registry.reference("multi/app:1.0"),
                      none,
                      "x",
                      Platform.parse("linux/s390x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no image for platform linux/s390x");

      // A copy with a platform copies only that child, under the target's tag.
      TransferResult copied =
          client.copy(
              registry.reference("multi/app:1.0"),
              registry.reference("single/app:arm"),
              Platform.parse("linux/arm64"));
      assertThat(copied.digest()).isEqualTo(arm64.digest());
      assertThat(client.resolve(registry.reference("single/app:arm")).orElseThrow().digest())
          .isEqualTo(arm64.digest());

      // A single image is checked against its config, which umoci writes for linux/amd64.
      OciLayout checked = OciLayout.create(temp.resolve("checked"));
      client.pull(
          registry.reference("multi/app@" + amd64.digest()),
          checked,
          "amd",
          Platform.parse("linux/amd64"));
      assertThat(checked.image("amd").manifest().digest()).isEqualTo(amd64.digest());
      assertThatThrownBy(
              () ->
                  client.pull(
                      registry.reference("multi/app@" + amd64.digest()),
                      OciLayout.create(temp.resolve("wrong")),
                      "arm",
                      Platform.parse("linux/arm64")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("The image is for platform linux/amd64, not linux/arm64");
    }
  }

  @Test
  void chunked_upload_sends_parts() throws IOException {
    OciLayout layout = OciLayout.create(temp.resolve("big"));
    byte[] layer = new byte[12 * 1024 * 1024 + 123];
    new Random(7).nextBytes(layer);
    Descriptor layerDescriptor = layout.putBlob(MediaTypes.OCI_LAYER_TAR, layer);
    Descriptor config =
        layout.putBlob(
            MediaTypes.OCI_CONFIG,
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8));
    layout.putManifest(ImageManifest.of(config, List.of(layerDescriptor)), Optional.of("big"));

    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (RegistryClient client =
        client()
            .uploadMode(RegistryClient.UploadMode.CHUNKED)
            .chunkSize(RegistryClient.MIN_CHUNK_SIZE)
            .listener(events::add)
            .build()) {
      TransferResult pushed =
          client.push(layout.image("big"), registry.reference("chunked/app:big"));
      assertThat(pushed.bytesTransferred()).isEqualTo(layer.length + config.size());

      OciLayout back = OciLayout.create(temp.resolve("big-back"));
      client.pull(registry.reference("chunked/app:big"), back, "big");
      assertThat(Files.readAllBytes(back.blobPath(layerDescriptor.digest()))).isEqualTo(layer);
    }
    assertThat(events)
        .filteredOn(event -> event.kind() == ProgressEvent.Kind.COMPLETED)
        .extracting(ProgressEvent::digest)
        .contains(layerDescriptor.digest());
  }

  @Test
  void artifact_with_subject_is_listed_as_referrer() throws IOException {
    try (RegistryClient client = client().build()) {
      Digest subjectDigest =
          client
              .push(OciLayout.open(umociLayout).image("v1"), registry.reference("refs/app:v1"))
              .digest();
      Descriptor subject =
          client.resolve(registry.reference("refs/app@" + subjectDigest)).orElseThrow();

      OciLayout layout = OciLayout.create(temp.resolve("artifact"));
      Descriptor empty =
          layout.putBlob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
      Descriptor signature =
          layout.putBlob(
              "application/vnd.example.signature", "signed".getBytes(StandardCharsets.UTF_8));
      ImageManifest artifact =
          ImageManifest.builder(empty)
              .layer(signature)
              .artifactType("application/vnd.example.signature")
              .subject(subject)
              .build();
      layout.putManifest(artifact, Optional.of("sig"));

      client.push(layout.image("sig"), registry.reference("refs/app@" + artifact.digest()));

      ImageIndex referrers =
          client.referrers(registry.reference("refs/app@" + subjectDigest), null);
      assertThat(referrers.manifests())
          .extracting(Descriptor::digest)
          .containsExactly(artifact.digest());
      assertThat(referrers.manifests().get(0).artifactType())
          .isEqualTo("application/vnd.example.signature");
      assertThat(
              client
                  .referrers(registry.reference("refs/app@" + subjectDigest), "application/other")
                  .manifests())
          .isEmpty();
    }
  }

  @Test
  void basic_auth_registry_needs_credentials() throws Exception {
    String htpasswd;
    try {
      htpasswd = LocalRegistry.htpasswdLine("tester", "s3cret");
    } catch (IOException e) {
      // docker-registry's htpasswd files need bcrypt hashes, which come from Python's crypt module.
      org.junit.jupiter.api.Assumptions.abort(
          "No bcrypt hash for the htpasswd file: Python 3's crypt module is unavailable ("
              + e.getMessage()
              + ")");
      return;
    }
    try (LocalRegistry secured =
            LocalRegistry.start(Files.createDirectories(temp.resolve("secured")), htpasswd);
        RegistryClient anonymous =
            RegistryClient.builder()
                .insecure(secured.address())
                .retrySettings(RetrySettings.noRetries())
                .build();
        RegistryClient authenticated =
            RegistryClient.builder()
                .insecure(secured.address())
                .auth(secured.address(), RegistryAuth.basic("tester", "s3cret"))
                .build()) {
      ImageSource image = OciLayout.open(umociLayout).image("v1");
      assertThatThrownBy(() -> anonymous.push(image, secured.reference("auth/app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 401")
          .extracting(failure -> ((RegistryException) failure).statusCode())
          .isEqualTo(401);

      TransferResult pushed = authenticated.push(image, secured.reference("auth/app:v1"));
      assertThat(authenticated.tags(secured.reference("auth/app:v1"))).containsExactly("v1");
      OciLayout back = OciLayout.create(temp.resolve("auth-back"));
      assertThat(authenticated.pull(secured.reference("auth/app:v1"), back, "v1").digest())
          .isEqualTo(pushed.digest());
    }
  }

  @Test
  void missing_tag_fails_with_status() {
    try (RegistryClient client = client().build()) {
      assertThatThrownBy(
              () ->
                  client.pull(
                      registry.reference("nothing/here:v1"),
                      OciLayout.create(temp.resolve("nothing")),
                      "v1"))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("HTTP 404");
    }
  }
}
