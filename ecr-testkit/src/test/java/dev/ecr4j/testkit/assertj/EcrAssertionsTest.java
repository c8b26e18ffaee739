package dev.ecr4j.testkit.assertj;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatImage;
import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.testkit.SampleImages;
import dev.ecr4j.testkit.junit.EcrTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageReplicationStatusRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageReplicationStatusResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.ReplicationStatus;

/** Checks the assertions' verdicts and failure messages against the embedded emulator. */
@EcrTest
class EcrAssertionsTest {

  @Test
  void missingTagsListImages(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("app"));
    String digest = SampleImages.put(ecr, "app", 1, "1.0");

    assertThatThrownBy(() -> assertThatRepository(ecr, "app").hasImageTagged("1.0", "latest"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected repository 'app' to contain an image tagged [1.0, latest], but its images"
                + " are: app {"
                + digest
                + " [1.0]}");
  }

  @Test
  void missingRepositoryReported(EcrClient ecr) {
    assertThatRepository(ecr, "absent").doesNotExist();

    assertThatThrownBy(() -> assertThatRepository(ecr, "absent").exists())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected repository 'absent' to exist, but it was not found.");
    assertThatThrownBy(() -> assertThatRepository(ecr, "absent").hasImageCount(0))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected repository 'absent' to exist, but it was not found.");
  }

  @Test
  void wrongImageCountReported(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("counted"));
    SampleImages.put(ecr, "counted", 1);

    assertThatThrownBy(() -> assertThatRepository(ecr, "counted").hasImageCount(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected repository 'counted' to contain 2 images, but it contains 1:");
  }

  @Test
  void unexpectedExpiryReported(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("expiry"));
    String first = SampleImages.put(ecr, "expiry", 1, "a");
    String second = SampleImages.put(ecr, "expiry", 2, "b");
    RepositorySnapshot before = RepositorySnapshot.take(ecr, "expiry");
    ecr.batchDeleteImage(
        request ->
            request
                .repositoryName("expiry")
                .imageIds(ImageIdentifier.builder().imageDigest(first).build()));

    assertThatThrownBy(
            () -> assertThatRepository(ecr, "expiry").sinceSnapshot(before).expiredExactly(second))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected exactly ["
                + second
                + "] to have expired from repository 'expiry', but ["
                + first
                + "] expired.");
    assertThatThrownBy(
            () -> assertThatRepository(ecr, "expiry").sinceSnapshot(before).expiredNothing())
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void unknownDigestRejected(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("unknown"));
    RepositorySnapshot before = RepositorySnapshot.take(ecr, "unknown");

    assertThatThrownBy(
            () ->
                assertThatRepository(ecr, "unknown")
                    .sinceSnapshot(before)
                    .expiredExactly("sha256:00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Digests [sha256:00] were not in the snapshot of repository 'unknown', so they cannot"
                + " have expired since: expected digests of [].");
  }

  @Test
  void snapshotOfOtherRepositoryRejected(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("one"));
    ecr.createRepository(request -> request.repositoryName("two"));
    RepositorySnapshot before = RepositorySnapshot.take(ecr, "one");

    assertThatThrownBy(() -> assertThatRepository(ecr, "two").sinceSnapshot(before))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Snapshot of repository 'one' cannot be compared with repository 'two': take the"
                + " snapshot of the same repository.");
  }

  @Test
  void archivedImageSeen(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("archive"));
    String digest = SampleImages.put(ecr, "archive", 1, "old");
    RepositorySnapshot before = RepositorySnapshot.take(ecr, "archive");

    ecr.updateImageStorageClass(
        request ->
            request
                .repositoryName("archive")
                .imageId(id -> id.imageDigest(digest))
                .targetStorageClass("ARCHIVE"));

    assertThatImage(ecr, "archive", "old").isArchived();
    assertThatRepository(ecr, "archive")
        .sinceSnapshot(before)
        .archivedExactly(digest)
        .expiredNothing();
    assertThatThrownBy(() -> assertThatImage(ecr, "archive", digest).isActive())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected image '"
                + digest
                + "' in repository 'archive' to be ACTIVE, but it is ARCHIVED.");
  }

  @Test
  void missingImageReported(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("images"));

    assertThatImage(ecr, "images", "nope").doesNotExist();
    assertThatThrownBy(() -> assertThatImage(ecr, "images", "nope").hasTags("nope"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected image 'nope' to exist in repository 'images', but it was not found.");
  }

  @Test
  void wrongTagsReported(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("tags"));
    SampleImages.put(ecr, "tags", 1, "1.0", "stable");

    assertThatThrownBy(() -> assertThatImage(ecr, "tags", "1.0").hasExactlyTags("1.0"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected image '1.0' in repository 'tags' to carry exactly the tags [1.0], but it"
                + " carries [1.0, stable].");
  }

  @Test
  void completedReplicationPasses() {
    EcrClient ecr = replicationClient(0);

    assertThatImage(ecr, "app", "1.0").hasReplicatedTo("eu-west-1", "us-west-2");
    assertThatImage(ecr, "app", "1.0").hasReplicationStatus("us-west-2", "COMPLETE");
  }

  @Test
  void pendingReplicationReported() {
    EcrClient ecr = replicationClient(Integer.MAX_VALUE);

    assertThatThrownBy(() -> assertThatImage(ecr, "app", "1.0").hasReplicatedTo("eu-west-1"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected image '1.0' of repository 'app' to have replicated to [eu-west-1], but"
                + " [eu-west-1] did not complete. Replication statuses: eu-west-1=IN_PROGRESS,"
                + " us-west-2=FAILED (REPLICATION_DESTINATION_DOWN)");
  }

  @Test
  void withinWaitsForReplication() {
    EcrClient ecr = replicationClient(2);

    assertThatImage(ecr, "app", "1.0").within(Duration.ofSeconds(10)).hasReplicatedTo("eu-west-1");
  }

  @Test
  void negativeTimeoutRejected() {
    assertThatThrownBy(
            () ->
                assertThatImage(replicationClient(0), "app", "1.0").within(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid timeout PT-1S: expected zero or a positive duration.");
  }

  /**
   * Returns a client whose DescribeImageReplicationStatus reports eu-west-1 in progress for the
   * first {@code pendingCalls} calls and complete after them.
   *
   * <p>NOTE: the embedded emulator replicates nothing yet and reports every destination FAILED, so
   * a completed replication comes from this stand-in for the SDK client.
   */
  private static EcrClient replicationClient(int pendingCalls) {
    AtomicInteger calls = new AtomicInteger();
    return new EcrClient() {
      @Override
      public String serviceName() {
        return "ecr";
      }

      @Override
      public void close() {}

      @Override
      public DescribeImageReplicationStatusResponse describeImageReplicationStatus(
          DescribeImageReplicationStatusRequest request) {
        boolean pending = calls.getAndIncrement() < pendingCalls;
        ReplicationStatus europe =
            pending ? ReplicationStatus.IN_PROGRESS : ReplicationStatus.COMPLETE;
        ReplicationStatus oregon = pending ? ReplicationStatus.FAILED : ReplicationStatus.COMPLETE;
        return DescribeImageReplicationStatusResponse.builder()
            .repositoryName(request.repositoryName())
            .imageId(request.imageId())
            .replicationStatuses(
                List.of(
                    status("eu-west-1", europe, null),
                    status("us-west-2", oregon, pending ? "REPLICATION_DESTINATION_DOWN" : null)))
            .build();
      }
    };
  }

  private static ImageReplicationStatus status(
      String region, ReplicationStatus status, @Nullable String failureCode) {
    return ImageReplicationStatus.builder()
        .region(region)
        .registryId("000000000000")
        .status(status)
        .failureCode(failureCode)
        .build();
  }

  @Test
  void snapshotLooksUpTags(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("lookup"));
    String digest = SampleImages.put(ecr, "lookup", 7, "v7");

    RepositorySnapshot snapshot = RepositorySnapshot.take(ecr, "lookup");

    assertThat(snapshot.imageTagged("v7"))
        .get()
        .extracting(image -> image.digest())
        .isEqualTo(digest);
    assertThat(snapshot.image(digest))
        .get()
        .extracting(image -> image.tags())
        .isEqualTo(List.of("v7"));
  }
}
