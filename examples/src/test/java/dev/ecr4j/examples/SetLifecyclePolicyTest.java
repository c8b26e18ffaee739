package dev.ecr4j.examples;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.testkit.EcrControls;
import dev.ecr4j.testkit.SampleImages;
import dev.ecr4j.testkit.assertj.RepositorySnapshot;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.junit.EcrTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The preview predicts the emulator's lifecycle run: the old pull request image expires. */
@EcrTest
class SetLifecyclePolicyTest {

  @Test
  void previewMatchesLifecycleRun(Ecr4jClient ecr, EcrClient sdk, EcrControls controls) {
    ecr.repositories().create("team/web", RepositorySettings.defaults());
    String oldPullRequest = SampleImages.put(sdk, "team/web", 1, "pr-41");
    String release = SampleImages.put(sdk, "team/web", 2, "release-1.0");
    controls.advanceClock(Duration.ofDays(10));
    String newPullRequest = SampleImages.put(sdk, "team/web", 3, "pr-42");

    LifecyclePreview preview = SetLifecyclePolicy.apply(ecr, "team/web", controls.now());

    assertThat(preview.expiredDigests()).containsExactly(oldPullRequest);
    assertThat(ecr.lifecycle().get("team/web")).contains(SetLifecyclePolicy.policy());

    RepositorySnapshot before = RepositorySnapshot.take(sdk, "team/web");
    EcrEmulator emulator = controls.emulator().orElseThrow();
    emulator.runLifecyclePolicies();
    assertThatRepository(sdk, "team/web")
        .sinceSnapshot(before)
        .expiredExactly(oldPullRequest)
        .kept(release, newPullRequest);
  }
}
