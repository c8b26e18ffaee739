package dev.ecr4j.testkit.emulator;

import static dev.ecr4j.testkit.emulator.RegistryHttp.digest;
import static dev.ecr4j.testkit.emulator.RegistryHttp.repo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;

/**
 * Lifecycle runs on the emulator's clock: expiry, archive and restore, referrers that follow their
 * subject, and manifest-list children that stay while their list does.
 */
class LifecycleRunTest {

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private EcrEmulator emulator;
  private EcrClient ecr;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
    http = new RegistryHttp(emulator, ecr);
  }

  @AfterEach
  void stop() {
    ecr.close();
    emulator.close();
  }

  /** Pushes a small image through the registry API and returns its manifest. */
  private String push(String repository, @Nullable String tag, String content) throws Exception {
    String repo = repo(repository);
    byte[] config = ("{\"c\":\"" + content + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = content.getBytes(StandardCharsets.UTF_8);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + http.pushBlob(repo, config)
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
            + http.pushBlob(repo, layer)
            + "\",\"size\":"
            + layer.length
            + "}]}";
    int status =
        http.putManifest(repo, tag == null ? digest(manifest) : tag, OCI_MANIFEST, manifest)
            .statusCode();
    assertThat(status).isEqualTo(201);
    return manifest;
  }

  private List<ImageDetail> images(String repository) {
    return ecr.describeImages(
            r -> r.repositoryName(repository).filter(f -> f.imageStatus(ImageStatusFilter.ANY)))
        .imageDetails();
  }

  @Test
  void advancingClockExpiresImages() throws Exception {
    ecr.createRepository(r -> r.repositoryName("app"));
    push("app", "old", "old image");
    emulator.advanceClock(Duration.ofHours(1));
    push("app", "new", "new image");
    ecr.putLifecyclePolicy(
        r ->
            r.repositoryName("app")
                .lifecyclePolicyText(
                    "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep one\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}"));

    emulator.advanceClock(Duration.ofHours(24));

    assertThat(images("app")).extracting(ImageDetail::imageTags).containsExactly(List.of("new"));
    assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("app")).lastEvaluatedAt())
        .isBetween(emulator.now().minusSeconds(60), emulator.now());
  }

  @Test
  void archivedImageCannotBePulledUntilRestored() throws Exception {
    ecr.createRepository(r -> r.repositoryName("archive"));
    String manifest = push("archive", "v1", "archived image");
    ecr.putLifecyclePolicy(
        r ->
            r.repositoryName("archive")
                .lifecyclePolicyText(
                    "{\"rules\":[{\"rulePriority\":1,\"description\":\"archive after 30 days\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}}]}"));
    emulator.advanceClock(Duration.ofDays(31));

    LifecycleRun run = emulator.runLifecyclePolicies();
    http = new RegistryHttp(emulator, ecr); // the first token expired after 12 hours

    assertThat(run.archived()).isEmpty(); // the automatic run during the advance archived it
    assertThat(images("archive").get(0).imageStatusAsString()).isEqualTo("ARCHIVED");
    assertThat(http.get(repo("archive") + "/manifests/v1").statusCode()).isEqualTo(404);
    assertThat(ecr.listImages(r -> r.repositoryName("archive")).imageIds()).isEmpty();

    ecr.updateImageStorageClass(
        r ->
            r.repositoryName("archive")
                .imageId(ImageIdentifier.builder().imageDigest(digest(manifest)).build())
                .targetStorageClass("STANDARD"));
    assertThat(http.get(repo("archive") + "/manifests/v1").statusCode()).isEqualTo(200);
  }

  @Test
  void referrersExpireWithSubject() throws Exception {
    emulator.close();
    emulator = EcrEmulator.builder().lifecycleInterval(Duration.ZERO).start();
    ecr.close();
    ecr = SdkClients.ecr(emulator);
    http = new RegistryHttp(emulator, ecr);
    ecr.createRepository(r -> r.repositoryName("signed"));
    String subject = push("signed", null, "subject image");
    String emptyDigest = http.pushBlob(repo("signed"), "{}".getBytes(StandardCharsets.UTF_8));
    String signature =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"artifactType\":\"application/vnd.example.sig\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + emptyDigest
            + "\",\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + digest(subject)
            + "\",\"size\":"
            + subject.length()
            + "}}";
    http.putManifest(repo("signed"), digest(signature), OCI_MANIFEST, signature);
    ecr.putLifecyclePolicy(
        r ->
            r.repositoryName("signed")
                .lifecyclePolicyText(
                    "{\"rules\":[{\"rulePriority\":1,\"description\":\"untagged after a day\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}"));
    emulator.advanceClock(Duration.ofDays(2));
    assertThat(images("signed")).hasSize(2); // automatic runs are off

    LifecycleRun run = emulator.runLifecyclePolicies();

    assertThat(run.expired())
        .containsExactlyInAnyOrder(
            "000000000000/us-east-1/signed@" + digest(subject),
            "000000000000/us-east-1/signed@" + digest(signature));
    assertThat(images("signed")).isEmpty();
  }

  @Test
  void manifestListKeepsChildren() throws Exception {
    ecr.createRepository(r -> r.repositoryName("multi"));
    String child = push("multi", null, "child image");
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + digest(child)
            + "\",\"size\":"
            + child.length()
            + "}]}";
    http.putManifest(repo("multi"), "v1", "application/vnd.oci.image.index.v1+json", index);
    ecr.putLifecyclePolicy(
        r ->
            r.repositoryName("multi")
                .lifecyclePolicyText(
                    "{\"rules\":[{\"rulePriority\":1,\"description\":\"untagged after a day\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}"));

    emulator.advanceClock(Duration.ofDays(3));
    emulator.runLifecyclePolicies();

    assertThat(images("multi")).hasSize(2);
  }
}
