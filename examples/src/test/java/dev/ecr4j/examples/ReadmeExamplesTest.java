package dev.ecr4j.examples;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Images;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.core.TagMutability;
import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.testkit.EcrControls;
import dev.ecr4j.testkit.SampleImages;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.junit.EcrTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Runs the code shown in the README, so that the README cannot drift from the API. Each test
 * repeats a README snippet; only clients that the README builds for AWS are built for an emulator
 * here.
 */
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

  @Test
  void fluentApiTourRuns() {
    List<String> printed = new ArrayList<>();
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.EU_WEST_1)
                .endpointOverride(emulator.endpoint())
                .build()) {
      Repository repository =
          ecr.repositories()
              .create(
                  "team/web",
                  RepositorySettings.builder()
                      .tagMutability(TagMutability.IMMUTABLE)
                      .scanOnPush(true)
                      .build())
              .repository();

      ecr.lifecycle()
          .put(
              "team/web",
              LifecyclePolicy.builder()
                  .tagged("pr-*")
                  .expireAfterDays(7)
                  .untagged()
                  .expireAfterDays(1)
                  .build());

      SampleImages.put(ecr.sdkClient(), "team/web", 1, "pr-1");
      ecr.images()
          .describe("team/web", Images.TagFilter.TAGGED, false)
          .forEach(image -> printed.add(image.digest() + " " + image.tags()));

      assertThat(repository.scanOnPush()).isTrue();
      assertThat(ecr.lifecycle().get("team/web")).isPresent();
    }
    assertThat(printed).singleElement().asString().endsWith(" [pr-1]");
  }

  /** The testkit example of the README's tour, under the README's class name. */
  @Nested
  @EcrTest
  class PullRequestCleanupTest {

    @Test
    void expiresOldPullRequestImages(Ecr4jClient ecr, EcrClient sdk, EcrControls controls) {
      ecr.repositories().create("web", RepositorySettings.defaults());
      String old = SampleImages.put(sdk, "web", 1, "pr-17");
      ecr.lifecycle()
          .put("web", LifecyclePolicy.builder().tagged("pr-*").expireAfterDays(7).build());

      controls.advanceClock(Duration.ofDays(8));
      controls.emulator().orElseThrow().runLifecyclePolicies();

      assertThatRepository(sdk, "web").doesNotContainImages(old);
    }
  }
}
