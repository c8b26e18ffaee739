package dev.ecr4j.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.BatchResult;
import dev.ecr4j.core.Ecr4jPublicClient;
import dev.ecr4j.core.Ecr4jServiceException;
import dev.ecr4j.core.ImageFailure;
import dev.ecr4j.core.ImageId;
import dev.ecr4j.core.NotFoundException;
import dev.ecr4j.core.PublicImage;
import dev.ecr4j.core.PublicImageTag;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs the ECR Public client's image operations against the embedded emulator, which checks SigV4
 * signatures for the service {@code ecr-public} and validates every request against ECR Public's
 * API model.
 */
@Timeout(60)
class PublicImagesEmulatorTest {

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  private static EcrEmulator emulator;
  private static Ecr4jPublicClient gallery;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
    gallery =
        Ecr4jPublicClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .endpointOverride(emulator.endpoint())
            .rateLimitSettings(RateLimitSettings.unlimited())
            .build();
  }

  @AfterAll
  static void stop() {
    if (gallery != null) {
      gallery.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  /** Returns an OCI image manifest whose one layer declares {@code layerSize} bytes. */
  private static String manifest(int seed, long layerSize) {
    String config = String.format("sha256:%064x", seed);
    String layer = String.format("sha256:%064x", 1_000_000 + seed);
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
        + "\"digest\":\""
        + config
        + "\",\"size\":100},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
        + layer
        + "\",\"size\":"
        + layerSize
        + "}]}";
  }

  private static String digest(String manifest) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Test
  void put_then_list_and_tags() {
    gallery.repositories().create("images/list");
    String first = manifest(1, 1000);
    String second = manifest(2, 2000);
    Instant before = Instant.now().minus(Duration.ofMinutes(5));

    ImageId firstId = gallery.images().put("images/list", first, OCI_MANIFEST, "v1");
    ImageId secondId = gallery.images().put("images/list", second, null, "v2");
    ImageId latestId = gallery.images().put("images/list", second, null, "latest");

    assertThat(firstId).isEqualTo(new ImageId(digest(first), "v1"));
    assertThat(secondId).isEqualTo(new ImageId(digest(second), "v2"));
    assertThat(latestId).isEqualTo(new ImageId(digest(second), "latest"));

    List<PublicImage> images = gallery.images().list("images/list").toList();
    assertThat(images).hasSize(2);
    PublicImage secondImage =
        images.stream()
            .filter(image -> image.digest().equals(digest(second)))
            .findFirst()
            .orElseThrow();
    assertThat(secondImage.repository()).isEqualTo("images/list");
    assertThat(secondImage.tags()).containsExactly("v2", "latest");
    assertThat(secondImage.sizeInBytes()).isEqualTo(2000);
    assertThat(secondImage.pushedAt()).isAfter(before);
    assertThat(secondImage.mediaType()).contains(OCI_MANIFEST);
    assertThat(secondImage.artifactType()).isEmpty();

    List<PublicImageTag> tags = gallery.images().tags("images/list").toList();
    assertThat(tags).extracting(PublicImageTag::tag).containsExactly("latest", "v1", "v2");
    assertThat(tags)
        .extracting(PublicImageTag::digest)
        .containsExactly(digest(second), digest(first), digest(second));
    assertThat(tags.get(1).sizeInBytes()).isEqualTo(1000);
    assertThat(tags.get(1).createdAt()).isAfter(before);
    assertThat(tags.get(1).mediaType()).contains(OCI_MANIFEST);
  }

  @Test
  void put_again_returns_stored_image() {
    gallery.repositories().create("images/again");
    String manifest = manifest(3, 10);
    ImageId first = gallery.images().put("images/again", manifest, null, "v1");

    // The emulator returns ImageAlreadyExistsException, which the client turns into the id.
    ImageId again = gallery.images().put("images/again", manifest, null, "v1");
    ImageId untagged = gallery.images().put("images/again", manifest, null, null);

    assertThat(again).isEqualTo(first);
    assertThat(untagged).isEqualTo(ImageId.digest(digest(manifest)));
    assertThat(gallery.images().list("images/again")).hasSize(1);
  }

  @Test
  void tag_moves_to_newer_image() {
    gallery.repositories().create("images/move");
    String old = manifest(4, 10);
    String newer = manifest(5, 20);
    gallery.images().put("images/move", old, null, "latest");
    gallery.images().put("images/move", newer, null, "latest");

    List<PublicImage> images = gallery.images().list("images/move").toList();

    assertThat(images)
        .filteredOn(image -> image.digest().equals(digest(old)))
        .singleElement()
        .satisfies(image -> assertThat(image.tags()).isEmpty());
    assertThat(images)
        .filteredOn(image -> image.digest().equals(digest(newer)))
        .singleElement()
        .satisfies(image -> assertThat(image.tags()).containsExactly("latest"));
    assertThat(gallery.images().tags("images/move").map(PublicImageTag::digest))
        .containsExactly(digest(newer));
  }

  @Test
  void pages_are_followed() {
    gallery.repositories().create("images/paged");
    for (int i = 0; i < 5; i++) {
      gallery.images().put("images/paged", manifest(100 + i, i), null, "t" + i);
    }

    assertThat(gallery.images().list("images/paged", 2)).hasSize(5);
    assertThat(gallery.images().tags("images/paged", 2).map(PublicImageTag::tag))
        .containsExactly("t0", "t1", "t2", "t3", "t4");
  }

  @Test
  void delete_by_tag_and_digest() {
    gallery.repositories().create("images/delete");
    String tagged = manifest(6, 10);
    String other = manifest(7, 10);
    gallery.images().put("images/delete", tagged, null, "v1");
    gallery.images().put("images/delete", tagged, null, "stable");
    gallery.images().put("images/delete", other, null, "v2");
    gallery.images().put("images/delete", other, null, "v3");

    // A tag of an image with two tags removes only that tag.
    BatchResult<ImageId> untag =
        gallery.images().delete("images/delete", List.of(ImageId.tag("v1")));
    assertThat(untag.succeeded()).containsExactly(new ImageId(digest(tagged), "v1"));
    assertThat(gallery.images().list("images/delete")).hasSize(2);

    // A digest removes the image and reports one id per tag.
    BatchResult<ImageId> byDigest =
        gallery.images().delete("images/delete", List.of(ImageId.digest(digest(other))));
    assertThat(byDigest.succeeded())
        .containsExactly(new ImageId(digest(other), "v2"), new ImageId(digest(other), "v3"));

    // The last tag removes the image.
    gallery.images().delete("images/delete", List.of(ImageId.tag("stable")));
    assertThat(gallery.images().list("images/delete")).isEmpty();
    assertThat(gallery.images().tags("images/delete")).isEmpty();
  }

  @Test
  void delete_reports_failures() {
    gallery.repositories().create("images/failures");
    String manifest = manifest(8, 10);
    gallery.images().put("images/failures", manifest, null, "v1");
    String missing = String.format("sha256:%064x", 42);

    BatchResult<ImageId> result =
        gallery
            .images()
            .delete(
                "images/failures",
                List.of(
                    ImageId.tag("absent"),
                    ImageId.digest(missing),
                    new ImageId(digest(manifest), "other")));

    assertThat(result.succeeded()).isEmpty();
    assertThat(result.failures())
        .containsExactly(
            new ImageFailure(ImageId.tag("absent"), "ImageNotFound", "Requested image not found"),
            new ImageFailure(ImageId.digest(missing), "ImageNotFound", "Requested image not found"),
            new ImageFailure(
                new ImageId(digest(manifest), "other"),
                "ImageTagDoesNotMatchDigest",
                "Invalid request parameters: image tag does not match digest"));
    assertThat(gallery.images().list("images/failures")).hasSize(1);
  }

  @Test
  void index_protects_its_images() {
    gallery.repositories().create("images/index");
    String child = manifest(9, 300);
    gallery.images().put("images/index", child, null, null);
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + digest(child)
            + "\",\"size\":"
            + child.length()
            + "}]}";
    gallery.images().put("images/index", index, null, "multi");

    BatchResult<ImageId> result =
        gallery.images().delete("images/index", List.of(ImageId.digest(digest(child))));

    assertThat(result.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.code()).isEqualTo("ImageReferencedByManifestList");
              assertThat(failure.reason()).contains(digest(index));
            });
    assertThat(
            gallery
                .images()
                .list("images/index")
                .filter(image -> image.digest().equals(digest(index))))
        .singleElement()
        .satisfies(
            image -> {
              assertThat(image.mediaType()).contains(OCI_INDEX);
              assertThat(image.sizeInBytes()).isEqualTo(300);
            });
  }

  @Test
  void index_of_missing_image_is_rejected() {
    gallery.repositories().create("images/dangling");
    String missing = String.format("sha256:%064x", 43);
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + missing
            + "\",\"size\":10}]}";

    assertThatThrownBy(() -> gallery.images().put("images/dangling", index, null, "multi"))
        .isInstanceOfSatisfying(
            Ecr4jServiceException.class,
            e -> assertThat(e.awsErrorCode()).contains("ReferencedImagesNotFoundException"))
        .hasMessageContaining(missing);
  }

  @Test
  void delete_of_150_ids_takes_two_calls() {
    gallery.repositories().create("images/many");
    List<ImageId> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ids.add(gallery.images().put("images/many", manifest(1_000 + i, i), null, null));
    }

    BatchResult<ImageId> result = gallery.images().delete("images/many", ids);

    assertThat(result.failures()).isEmpty();
    assertThat(result.succeeded()).hasSize(150);
    assertThat(gallery.images().list("images/many")).isEmpty();
  }

  @Test
  void missing_repository_is_not_found() {
    assertThatThrownBy(() -> gallery.images().list("images/absent").toList())
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.awsErrorCode()).contains("RepositoryNotFoundException"))
        .hasMessageContaining(
            "The repository with name 'images/absent' does not exist in the registry with id"
                + " '000000000000'");
    assertThatThrownBy(() -> gallery.images().tags("images/absent").toList())
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> gallery.images().delete("images/absent", List.of(ImageId.tag("v1"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> gallery.images().put("images/absent", manifest(10, 1), null, "v1"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void repository_with_images_needs_force() {
    gallery.repositories().create("images/nonempty");
    gallery.images().put("images/nonempty", manifest(11, 1), null, "v1");

    assertThatThrownBy(() -> gallery.repositories().delete("images/nonempty", false))
        .isInstanceOfSatisfying(
            Ecr4jServiceException.class,
            e -> assertThat(e.awsErrorCode()).contains("RepositoryNotEmptyException"))
        .hasMessageContaining("cannot be deleted because it still contains images");
    assertThat(gallery.repositories().delete("images/nonempty", true).name())
        .isEqualTo("images/nonempty");
  }
}
