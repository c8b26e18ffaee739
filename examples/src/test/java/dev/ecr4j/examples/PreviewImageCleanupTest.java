package dev.ecr4j.examples;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.testkit.EcrControls;
import dev.ecr4j.testkit.SampleImages;
import dev.ecr4j.testkit.assertj.RepositorySnapshot;
import dev.ecr4j.testkit.junit.EcrTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * A consumer's integration test: the cleanup runs against the embedded ECR emulator, which
 * {@code @EcrTest} starts for this class and empties before each test.
 */
@EcrTest
class PreviewImageCleanupTest {

  private String oldPreview;
  private String oldRelease;
  private String oldPreviewWithRelease;
  private String newPreview;

  /** Pushes three images ten days ago and one today, on the emulator's clock. */
  @BeforeEach
  void pushImages(Ecr4jClient ecr, EcrClient sdk, EcrControls controls) {
    ecr.repositories().create("web", RepositorySettings.defaults());
    oldPreview = SampleImages.put(sdk, "web", 1, "pr-17");
    oldRelease = SampleImages.put(sdk, "web", 2, "1.0.0");
    oldPreviewWithRelease = SampleImages.put(sdk, "web", 3, "pr-18", "1.1.0");

    controls.advanceClock(Duration.ofDays(10));
    newPreview = SampleImages.put(sdk, "web", 4, "pr-19");
  }

  @Test
  void deletesOnlyOldPreviewImages(Ecr4jClient ecr, EcrClient sdk, EcrControls controls) {
    RepositorySnapshot before = RepositorySnapshot.take(sdk, "web");

    List<String> deleted =
        PreviewImageCleanup.run(ecr, "web", "pr-", Duration.ofDays(7), controls.now());

    assertThat(deleted).containsExactly(oldPreview);
    assertThatRepository(sdk, "web")
        .sinceSnapshot(before)
        .expiredExactly(oldPreview)
        .kept(oldRelease, oldPreviewWithRelease, newPreview);
    assertThatRepository(sdk, "web").hasImageTagged("pr-18", "1.1.0").hasNoImageTagged("pr-17");
  }

  @Test
  void longRetentionDeletesNothing(Ecr4jClient ecr, EcrClient sdk, EcrControls controls) {
    RepositorySnapshot before = RepositorySnapshot.take(sdk, "web");

    List<String> deleted =
        PreviewImageCleanup.run(ecr, "web", "pr-", Duration.ofDays(30), controls.now());

    assertThat(deleted).isEmpty();
    assertThatRepository(sdk, "web").sinceSnapshot(before).expiredNothing();
  }
}
