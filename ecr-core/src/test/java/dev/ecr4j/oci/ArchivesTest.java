package dev.ecr4j.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Archives and the image builder, checked with skopeo and umoci where installed. */
@Timeout(120)
class ArchivesTest {

  @TempDir Path temp;

  private static boolean installed(String tool) {
    return Files.isExecutable(Path.of("/usr/bin", tool));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
    return text;
  }

  private OciLayout builtImage() throws IOException {
    Path files = Files.createDirectories(temp.resolve("files/bin"));
    Files.writeString(files.resolve("hello.sh"), "#!/bin/sh\necho hello\n");
    files.resolve("hello.sh").toFile().setExecutable(true);
    Files.writeString(temp.resolve("files/readme.txt"), "read me\n");
    Path single = Files.writeString(temp.resolve("version.txt"), "1.0\n");
    OciLayout layout = OciLayout.create(temp.resolve("layout"));
    ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(temp.resolve("files"), "/app")
        .addLayer(single, "/etc/app/version.txt")
        .entrypoint(List.of("/app/bin/hello.sh"))
        .env("MODE", "test")
        .label("org.opencontainers.image.title", "hello")
        .build(layout, "v1");
    return layout;
  }

  @Test
  void builder_is_reproducible() throws IOException {
    ImageManifest first = (ImageManifest) builtImage().image("v1").manifest();
    Path other = temp.resolve("again");
    Files.createDirectories(other);
    OciLayout second = OciLayout.create(other.resolve("layout"));
    ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(temp.resolve("files"), "/app")
        .addLayer(temp.resolve("version.txt"), "/etc/app/version.txt")
        .entrypoint(List.of("/app/bin/hello.sh"))
        .env("MODE", "test")
        .label("org.opencontainers.image.title", "hello")
        .build(second, "v1");
    assertThat(second.image("v1").manifest().digest()).isEqualTo(first.digest());
    assertThat(first.layers()).hasSize(2);
    String config =
        new String(
            Files.readAllBytes(second.blobPath(first.config().digest())), StandardCharsets.UTF_8);
    assertThat(config)
        .contains("\"Entrypoint\":[\"/app/bin/hello.sh\"]")
        .contains("MODE=test")
        .contains("\"os\":\"linux\"");
  }

  @Test
  void umoci_unpacks_built_image() throws Exception {
    assumeTrue(installed("umoci"), "umoci is not installed; install the Debian package umoci");
    OciLayout layout = builtImage();
    Path bundle = temp.resolve("bundle");
    // umoci checks every layer's digest and diff id while unpacking.
    run("umoci", "unpack", "--rootless", "--image", layout.directory() + ":v1", bundle.toString());
    assertThat(bundle.resolve("rootfs/app/bin/hello.sh")).isExecutable();
    assertThat(bundle.resolve("rootfs/etc/app/version.txt")).hasContent("1.0");
  }

  @Test
  void docker_archive_round_trips_through_skopeo() throws Exception {
    assumeTrue(installed("skopeo"), "skopeo is not installed; install the Debian package skopeo");
    OciLayout layout = builtImage();
    Path archive = temp.resolve("image.tar");
    DockerArchive.write(layout.image("v1"), archive, "example/hello:v1", temp);
    run(
        "skopeo",
        "--insecure-policy",
        "copy",
        "docker-archive:" + archive,
        "oci:" + temp.resolve("from-ecr4j") + ":v1");

    Path skopeoArchive = temp.resolve("skopeo.tar");
    run(
        "skopeo",
        "--insecure-policy",
        "copy",
        "oci:" + layout.directory() + ":v1",
        "docker-archive:" + skopeoArchive + ":example/hello:v1");
    try (ImageSource image = DockerArchive.read(skopeoArchive, "example/hello:v1", temp)) {
      ImageManifest manifest = (ImageManifest) image.manifest();
      assertThat(manifest.layers()).hasSize(2);
      OciLayout copy = OciLayout.create(temp.resolve("copy"));
      ImageCopier.copy(image, copy, "v1");
      assertThat(copy.contains(manifest.layers().get(1).digest())).isTrue();
    }
  }

  @Test
  void oci_archive_round_trips_through_skopeo() throws Exception {
    assumeTrue(installed("skopeo"), "skopeo is not installed; install the Debian package skopeo");
    OciLayout layout = builtImage();
    Digest digest = layout.image("v1").manifest().digest();
    Path archive = temp.resolve("image-oci.tar");
    OciArchive.write(layout.image("v1"), archive, "v1", temp);
    String inspected =
        run("skopeo", "--insecure-policy", "inspect", "--raw", "oci-archive:" + archive + ":v1");
    assertThat(Digest.sha256(inspected.getBytes(StandardCharsets.UTF_8))).isEqualTo(digest);

    Path skopeoArchive = temp.resolve("skopeo-oci.tar");
    run(
        "skopeo",
        "--insecure-policy",
        "copy",
        "oci:" + layout.directory() + ":v1",
        "oci-archive:" + skopeoArchive + ":v1");
    try (ImageSource image = OciArchive.read(skopeoArchive, "v1", temp)) {
      assertThat(image.manifest().digest()).isEqualTo(digest);
    }
  }

  @Test
  void extraction_rejects_path_traversal() throws IOException {
    Path archive = tar("../escaped.txt", null);
    assertThatThrownBy(() -> OciArchive.read(archive, null, temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'../escaped.txt' outside the extraction directory");
    assertThat(temp.resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void extraction_rejects_absolute_names() throws IOException {
    Path archive = tar("/tmp/ecr4j-absolute.txt", null);
    assertThatThrownBy(() -> DockerArchive.read(archive, null, temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the extraction directory");
  }

  @Test
  void extraction_rejects_links_out_of_target() throws IOException {
    Path archive = tar("passwd", "/etc/passwd");
    assertThatThrownBy(() -> OciArchive.read(archive, null, temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("link to '/etc/passwd' outside the extraction directory");
    Path relative = tar("up", "../../../../etc/passwd");
    assertThatThrownBy(() -> OciArchive.read(relative, null, temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the extraction directory");
  }

  @Test
  void oci_archive_without_layout_names_archive() throws IOException {
    Path archive = tar("manifest.json", null);
    assertThatThrownBy(() -> OciArchive.read(archive, null, temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Archive " + archive + " is not an OCI archive")
        .hasMessageContaining("docker-archive:FILE");
  }

  @Test
  void truncated_archive_names_file() throws IOException {
    // A file entry that declares 4 KiB of content but stops after its header.
    Path archive = Files.createTempFile(temp, "truncated", ".tar");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry entry = new TarArchiveEntry("blob", true);
      entry.setSize(4096);
      tar.putArchiveEntry(entry);
      tar.write(new byte[4096]);
      tar.closeArchiveEntry();
      tar.finish();
    }
    byte[] whole = Files.readAllBytes(archive);
    Files.write(archive, Arrays.copyOf(whole, 1024));

    assertThatThrownBy(() -> OciArchive.read(archive, null, temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Extracting archive " + archive + " failed: ")
        .hasMessageContaining("complete tar or tar.gz archive");
  }

  @Test
  void extraction_leaves_no_temporary_directory() throws IOException {
    Path work = Files.createDirectories(temp.resolve("work"));
    assertThatThrownBy(() -> OciArchive.read(tar("../x", null), null, work))
        .isInstanceOf(IOException.class);
    try (var entries = Files.list(work)) {
      assertThat(entries).isEmpty();
    }
  }

  /** Writes a tar with one entry: a file, or a symbolic link when {@code linkTarget} is set. */
  private Path tar(String name, @Nullable String linkTarget) throws IOException {
    Path archive = Files.createTempFile(temp, "crafted", ".tar");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry entry;
      if (linkTarget == null) {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
      } else {
        entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
        entry.setLinkName(linkTarget);
        tar.putArchiveEntry(entry);
      }
      tar.closeArchiveEntry();
    }
    return archive;
  }
}
