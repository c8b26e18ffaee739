package dev.ecr4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the code shown in the README, so that the README cannot drift from the API. */
class ReadmeExamplesTest {

  @Test
  void lifecycleExampleRuns() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    List<LifecycleImage> images =
        List.of(
            LifecycleImage.of("sha256:" + "a".repeat(64), now.minus(Duration.ofDays(30))),
            LifecycleImage.of(
                "sha256:" + "b".repeat(64), now.minus(Duration.ofDays(1)), "release-1"));

    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .tagged("release-*")
            .keepNewest(10)
            .untagged()
            .expireAfterDays(14)
            .anyImage()
            .archiveWhenNotPulledForDays(90)
            .thenExpireAfterDays(180)
            .build();
    String json = policy.toJson();
    LifecyclePreview preview = policy.preview(images, now);

    assertThat(json).startsWith("{\"rules\":[{\"rulePriority\":1,");
    assertThat(preview.expiredDigests()).containsExactly("sha256:" + "a".repeat(64));
  }

  @Test
  void otherDocumentsExampleRuns() {
    ReplicationConfiguration replication =
        ReplicationConfiguration.builder()
            .repositoriesStartingWith("prod/")
            .to("us-west-2", "111122223333")
            .build();
    RepositoryPolicy access =
        RepositoryPolicy.builder()
            .statement(PolicyPresets.crossAccountPull("111122223333"))
            .statement(PolicyPresets.ciPush("arn:aws:iam::123456789012:role/ci"))
            .build();
    ScanningConfiguration scanning =
        ScanningConfiguration.enhanced().continuousScan("prod-*").scanOnPush("*");

    assertThat(replication.violations()).isEmpty();
    assertThat(access.violations()).isEmpty();
    assertThat(scanning.violations()).isEmpty();
  }
}
