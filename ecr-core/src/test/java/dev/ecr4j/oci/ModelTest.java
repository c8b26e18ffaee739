package dev.ecr4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Digests, platforms and manifest parsing. */
class ModelTest {

  private static final String HEX = "a".repeat(64);

  @Test
  void digest_parses_and_prints() {
    Digest digest = Digest.parse("sha256:" + HEX);
    assertThat(digest.algorithm()).isEqualTo("sha256");
    assertThat(digest.toString()).isEqualTo("sha256:" + HEX);
    assertThat(Digest.sha256(new byte[0]).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void digest_rejects_invalid_text() {
    assertThatThrownBy(() -> Digest.parse("sha256:ABC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 64 lower-case hexadecimal digits");
    assertThatThrownBy(() -> Digest.parse("md5:" + HEX))
        .hasMessageContaining("Unsupported digest algorithm 'md5'");
    assertThatThrownBy(() -> Digest.parse(HEX)).hasMessageContaining("expected sha256:");
  }

  @Test
  void platform_matches_variant_only_when_named() {
    assertThat(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.parse("linux/arm64/v8").matches(Platform.parse("linux/arm64/v9")))
        .isFalse();
    assertThat(Platform.parse("linux/arm/v7").matches(Platform.parse("linux/arm"))).isFalse();
    assertThat(Platform.parse("linux/amd64").matches(Platform.parse("linux/arm64"))).isFalse();
    assertThatThrownBy(() -> Platform.parse("linux"))
        .hasMessageContaining("expected os/architecture[/variant]");
  }

  @Test
  void platform_reads_default_variants_as_containerd_does() {
    assertThat(Platform.parse("linux/arm64/v8").matches(Platform.parse("linux/arm64"))).isTrue();
    assertThat(Platform.parse("linux/amd64/v1").matches(Platform.parse("linux/amd64"))).isTrue();
    assertThat(Platform.parse("linux/amd64/v2").matches(Platform.parse("linux/amd64"))).isFalse();
  }

  @Test
  void platform_rejects_lists_and_spaces() {
    assertThatThrownBy(() -> Platform.parse("linux/amd64,linux/arm64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid platform 'linux/amd64,linux/arm64': 'amd64,linux' may contain only letters,"
                + " digits, '.', '_' and '-'. Give one platform as os/architecture[/variant], such"
                + " as linux/amd64 or linux/arm64/v8.");
    assertThatThrownBy(() -> Platform.parse(" linux/amd64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("' linux' may contain only letters");
    assertThatThrownBy(() -> Platform.parse("linux/amd64 "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'amd64 ' may contain only letters");

    assertThat(Platform.parse("windows/amd64/10.0_x-y").variant()).isEqualTo("10.0_x-y");
  }

  @Test
  void manifest_keeps_exact_bytes() {
    String json =
        "{\"schemaVersion\":2,  \"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\"sha256:"
            + HEX
            + "\",\"size\":2},\"layers\":[]}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Manifest manifest = Manifest.parse(bytes, null);
    assertThat(manifest).isInstanceOf(ImageManifest.class);
    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.bytes()).isEqualTo(bytes);
    assertThat(manifest.digest()).isEqualTo(Digest.sha256(bytes));
  }

  @Test
  void manifest_type_from_content_type() {
    byte[] list = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
    Manifest manifest = Manifest.parse(list, MediaTypes.DOCKER_MANIFEST_LIST + "; charset=utf-8");
    assertThat(manifest).isInstanceOf(ImageIndex.class);
    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  @Test
  void schema1_manifest_is_rejected() {
    byte[] schema1 =
        "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+prettyjws\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Manifest.parse(schema1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported manifest media type");
  }

  @Test
  void oversized_manifest_is_rejected() {
    assertThatThrownBy(() -> Manifest.parse(new byte[Manifest.MAX_SIZE + 1], null))
        .hasMessageContaining("exceeds the limit of 4194304 bytes (4 MiB)");
  }

  @Test
  void index_selects_platform() {
    Descriptor amd64 =
        Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse("sha256:" + HEX), 10)
            .withPlatform(Platform.parse("linux/amd64"));
    Descriptor arm64 =
        Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse("sha256:" + "b".repeat(64)), 10)
            .withPlatform(Platform.parse("linux/arm64/v8"));
    ImageIndex index = ImageIndex.of(List.of(amd64, arm64));
    assertThat(index.select(Platform.parse("linux/arm64"))).contains(arm64);
    assertThat(index.select(Platform.parse("windows/amd64"))).isEmpty();
    ImageIndex parsed = (ImageIndex) Manifest.parse(index.bytes(), null);
    assertThat(parsed.manifests()).containsExactly(amd64, arm64);
  }
}
