package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

/**
 * Drives the emulator with the AWS SDK v2 EcrClient through StartImageScan,
 * DescribeImageScanFindings and DescribeImageReplicationStatus, on a clock the test moves.
 */
class SdkImageStatusConformanceTest {

  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:aaaa\",\"size\":10},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\"sha256:bbbb\",\"size\":1000}]}";

  private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");

  /** A clock that does not move until the test advances it. */
  private static final class SteppedClock extends Clock {
    private volatile Instant now = START;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final SteppedClock clock = new SteppedClock();
  private EcrEmulator emulator;
  private EcrClient ecr;
  private String digest;

  @BeforeEach
  void start() {
    emulator = EcrEmulator.builder().clock(clock).start();
    ecr = SdkClients.ecr(emulator);
    ecr.createRepository(r -> r.repositoryName("app"));
    digest =
        ecr.putImage(r -> r.repositoryName("app").imageManifest(MANIFEST).imageTag("v1"))
            .image()
            .imageId()
            .imageDigest();
  }

  @AfterEach
  void stop() {
    ecr.close();
    emulator.close();
  }

  private static String errorMessage(Throwable error) {
    return ((EcrException) error).awsErrorDetails().errorMessage();
  }

  @Test
  void scanCompletesWithNoFindings() {
    StartImageScanResponse started =
        ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));

    assertThat(started.imageScanStatus().status()).isEqualTo(ScanStatus.IN_PROGRESS);
    assertThat(started.imageId().imageDigest()).isEqualTo(digest);
    assertThat(started.imageId().imageTag()).isEqualTo("v1");
    assertThat(started.registryId()).isEqualTo("000000000000");
    DescribeImageScanFindingsResponse findings =
        ecr.describeImageScanFindings(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));
    assertThat(findings.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
    assertThat(findings.imageScanStatus().description())
        .isEqualTo("The scan was completed successfully.");
    assertThat(findings.imageScanFindings().findings()).isEmpty();
    assertThat(findings.imageScanFindings().findingSeverityCounts()).isEmpty();
    assertThat(findings.imageScanFindings().imageScanCompletedAt()).isEqualTo(START);
    assertThat(findings.nextToken()).isNull();
  }

  @Test
  void scanShowsInDescribeImages() {
    ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageDigest(digest)));

    ImageDetail detail = ecr.describeImages(r -> r.repositoryName("app")).imageDetails().get(0);

    assertThat(detail.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
    assertThat(detail.imageScanFindingsSummary().imageScanCompletedAt()).isEqualTo(START);
    assertThat(detail.imageScanFindingsSummary().findingSeverityCounts()).isEmpty();
  }

  @Test
  void secondScanWithinDayIsRejected() {
    ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));
    clock.advance(Duration.ofHours(23).plusMinutes(59));

    assertThatThrownBy(
            () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1"))))
        .isInstanceOf(LimitExceededException.class)
        .extracting(SdkImageStatusConformanceTest::errorMessage)
        .isEqualTo("The scan quota per image has been exceeded. Wait and try again.");

    clock.advance(Duration.ofMinutes(1));
    ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));
    assertThat(
            ecr.describeImageScanFindings(
                    r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")))
                .imageScanFindings()
                .imageScanCompletedAt())
        .isEqualTo(START.plus(Duration.ofHours(24)));
  }

  @Test
  void findingsBeforeScanAreNotFound() {
    assertThatThrownBy(
            () ->
                ecr.describeImageScanFindings(
                    r -> r.repositoryName("app").imageId(i -> i.imageTag("v1"))))
        .isInstanceOf(ScanNotFoundException.class)
        .extracting(SdkImageStatusConformanceTest::errorMessage)
        .isEqualTo(
            "Image scan does not exist for the image with '{imageDigest:'null', imageTag:'v1'}'"
                + " in the repository with name 'app' in the registry with id '000000000000'");
  }

  @Test
  void scanOfMissingImageIsNotFound() {
    assertThatThrownBy(
            () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("nope"))))
        .isInstanceOf(ImageNotFoundException.class)
        .extracting(SdkImageStatusConformanceTest::errorMessage)
        .isEqualTo(
            "The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within"
                + " the repository with name 'app' in the registry with id '000000000000'");
    assertThatThrownBy(
            () -> ecr.startImageScan(r -> r.repositoryName("nope").imageId(i -> i.imageTag("v1"))))
        .isInstanceOf(RepositoryNotFoundException.class);
  }

  @Test
  void archivedImageCannotBeScanned() {
    ecr.updateImageStorageClass(
        r ->
            r.repositoryName("app")
                .imageId(i -> i.imageDigest(digest))
                .targetStorageClass(TargetStorageClass.ARCHIVE));

    assertThatThrownBy(
            () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1"))))
        .isInstanceOf(ImageArchivedException.class);
  }

  @Test
  void replicationStatusIsEmptyWithoutRules() {
    DescribeImageReplicationStatusResponse status =
        ecr.describeImageReplicationStatus(
            r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));

    assertThat(status.repositoryName()).isEqualTo("app");
    assertThat(status.imageId().imageDigest()).isEqualTo(digest);
    assertThat(status.replicationStatuses()).isEmpty();
  }

  @Test
  void replicationStatusReportsEachCopy() {
    ecr.putReplicationConfiguration(
        r ->
            r.replicationConfiguration(
                c ->
                    c.rules(
                        rule ->
                            rule.destinations(
                                    d -> d.region("eu-west-1").registryId("000000000000"),
                                    d -> d.region("us-west-2").registryId("111122223333"))
                                .repositoryFilters(
                                    f -> f.filter("app").filterType("PREFIX_MATCH")))));
    String later =
        ecr.putImage(
                r ->
                    r.repositoryName("app")
                        .imageManifest(MANIFEST.replace("\"size\":1000", "\"size\":1001"))
                        .imageTag("v2"))
            .image()
            .imageId()
            .imageDigest();

    DescribeImageReplicationStatusResponse before =
        ecr.describeImageReplicationStatus(
            r -> r.repositoryName("app").imageId(i -> i.imageDigest(digest)));
    DescribeImageReplicationStatusResponse status =
        ecr.describeImageReplicationStatus(
            r -> r.repositoryName("app").imageId(i -> i.imageDigest(later)));

    assertThat(before.replicationStatuses()).isEmpty();
    assertThat(status.replicationStatuses())
        .extracting(
            ImageReplicationStatus::region,
            ImageReplicationStatus::registryId,
            ImageReplicationStatus::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "eu-west-1", "000000000000", ReplicationStatus.COMPLETE),
            org.assertj.core.groups.Tuple.tuple(
                "us-west-2", "111122223333", ReplicationStatus.FAILED));
    assertThat(status.replicationStatuses().get(1).failureCode())
        .contains("registry policy of the destination account does not allow");
  }

  @Test
  void replicationStatusOfMissingImageIsNotFound() {
    assertThatThrownBy(
            () ->
                ecr.describeImageReplicationStatus(
                    r -> r.repositoryName("app").imageId(i -> i.imageTag("nope"))))
        .isInstanceOf(ImageNotFoundException.class);
  }
}
