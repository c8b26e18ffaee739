package dev.ecr4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selecting one platform's image from an index or a single image, in a local layout. */
class PlatformSelectionTest {

  @TempDir Path temp;

  private OciLayout layout;
  private ImageManifest amd64;
  private ImageManifest arm64;

  @BeforeEach
  void buildImages() throws IOException {
    Path file = Files.writeString(temp.resolve("hello.txt"), "hello\n");
    layout = OciLayout.create(temp.resolve("layout"));
    amd64 =
        ImageBuilder.create(Platform.parse("linux/amd64"))
            .addLayer(file, "/hello.txt")
            .build(layout, "amd64");
    arm64 =
        ImageBuilder.create(Platform.parse("linux/arm64/v8"))
            .addLayer(file, "/hello.txt")
            .build(layout, "arm64");
    ImageIndex index =
        ImageIndex.of(
            List.of(
                amd64.descriptor().withPlatform(Platform.parse("linux/amd64")),
                arm64.descriptor().withPlatform(Platform.parse("linux/arm64/v8"))));
    layout.putManifest(index, Optional.of("multi"));
  }

  @Test
  void selectsTheMatchingChildOfAnIndex() throws IOException {
    ImageSource view =
        ImageSource.forPlatform(layout.image("multi"), Platform.parse("linux/arm64"));

    assertThat(view.manifest().digest()).isEqualTo(arm64.digest());
    try (InputStream config = view.openBlob(arm64.config())) {
      assertThat(new String(config.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"architecture\":\"arm64\"");
    }
  }

  @Test
  void namesThePlatformsAnIndexHas() {
    assertThatThrownBy(
            () ->
                ImageSource.platformManifest(layout.image("multi"), Platform.parse("linux/s390x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The index has no image for platform linux/s390x; it has [linux/amd64,"
                + " linux/arm64/v8]. Choose one of those platforms.");
  }

  @Test
  void checksTheConfigOfASingleImage() throws IOException {
    Manifest selectedAmd64 =
        ImageSource.platformManifest(layout.image("amd64"), Platform.parse("linux/amd64"));
    Manifest selectedArm64 =
        ImageSource.platformManifest(layout.image("arm64"), Platform.parse("linux/arm64"));

    assertThat(selectedAmd64.digest()).isEqualTo(amd64.digest());
    assertThat(selectedArm64.digest()).isEqualTo(arm64.digest());

    assertThatThrownBy(
            () ->
                ImageSource.platformManifest(layout.image("amd64"), Platform.parse("linux/arm64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The image is for platform linux/amd64, not linux/arm64. It is a single-platform"
                + " image, so leave out the platform or choose linux/amd64.");
  }

  @Test
  void rejectsAnArtifactWithoutAPlatform() throws IOException {
    Descriptor empty =
        layout.putBlob("application/vnd.oci.empty.v1+json", "{}".getBytes(StandardCharsets.UTF_8));
    layout.putManifest(ImageManifest.of(empty, List.of()), Optional.of("artifact"));

    assertThatThrownBy(
            () ->
                ImageSource.platformManifest(
                    layout.image("artifact"), Platform.parse("linux/amd64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "media type application/vnd.oci.empty.v1+json, which names no platform");
  }

  @Test
  void rejectsAConfigThatDoesNotMatchItsDigest() throws IOException {
    Path config = layout.blobPath(amd64.config().digest());
    String altered =
        Files.readString(config)
            .replace("\"architecture\":\"amd64\"", "\"architecture\":\"arm64\"");
    Files.writeString(config, altered);

    assertThatThrownBy(
            () ->
                ImageSource.platformManifest(layout.image("amd64"), Platform.parse("linux/arm64")))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void namesIndexChildrenWithoutPlatform() throws IOException {
    layout.putManifest(
        ImageIndex.of(List.of(amd64.descriptor(), arm64.descriptor())), Optional.of("bare"));
    layout.putManifest(
        ImageIndex.of(
            List.of(
                amd64.descriptor().withPlatform(Platform.parse("linux/amd64")),
                arm64.descriptor())),
        Optional.of("mixed"));

    assertThatThrownBy(
            () -> ImageSource.platformManifest(layout.image("bare"), Platform.parse("linux/amd64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The index has no image for platform linux/amd64, because none of its 2 manifests has"
                + " a platform field. Leave out the platform to transfer the whole index.");
    assertThatThrownBy(
            () ->
                ImageSource.platformManifest(layout.image("mixed"), Platform.parse("linux/arm64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The index has no image for platform linux/arm64; it has [linux/amd64] and 1 manifest"
                + " without a platform field. Choose one of those platforms.");
  }

  @Test
  void namesAConfigWithoutValidPlatform() throws IOException {
    String[] configs = {
      "{not json",
      "[1, 2]",
      "{\"architecture\":\"amd64\"}",
      "{\"os\":\"\",\"architecture\":\"amd64\"}"
    };
    for (String text : configs) {
      Descriptor config =
          layout.putBlob(MediaTypes.OCI_CONFIG, text.getBytes(StandardCharsets.UTF_8));
      layout.putManifest(ImageManifest.of(config, List.of()), Optional.of("broken"));

      assertThatThrownBy(
              () ->
                  ImageSource.platformManifest(
                      layout.image("broken"), Platform.parse("linux/amd64")))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "The image config " + config.digest() + " names no valid platform (")
          .hasMessageEndingWith(
              "), so platform linux/amd64 cannot be checked. Leave out the platform to transfer"
                  + " it as it is.");
    }
  }
}
