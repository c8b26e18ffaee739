package dev.ecr4j.examples;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Previews a lifecycle policy against a repository's images, then puts it. {@link #main} runs it
 * against an embedded emulator, so it needs no AWS account.
 */
public final class SetLifecyclePolicy {

  private SetLifecyclePolicy() {}

  /**
   * Returns the policy: it keeps the 10 newest releases, and expires pull request images after 7
   * days and untagged images after 1 day.
   */
  public static LifecyclePolicy policy() {
    return LifecyclePolicy.builder()
        .tagged("release-*")
        .keepNewest(10)
        .tagged("pr-*")
        .expireAfterDays(7)
        .untagged()
        .expireAfterDays(1)
        .build();
  }

  /**
   * Evaluates {@link #policy()} against the images of {@code repository} at {@code now}, prints
   * what it would expire, puts the policy, and returns the preview.
   */
  public static LifecyclePreview apply(Ecr4jClient ecr, String repository, Instant now) {
    LifecyclePolicy policy = policy();

    LifecyclePreview preview = ecr.lifecycle().previewLocally(repository, policy, now);
    preview
        .actions()
        .forEach(
            decision ->
                System.out.println(
                    decision.image().digest()
                        + " "
                        + decision.outcome()
                        + ": "
                        + decision.reason()));

    ecr.lifecycle().put(repository, policy);
    return preview;
  }

  /** Puts the policy on {@code team/web} in an embedded emulator and prints it. */
  public static void main(String[] args) {
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .rateLimitSettings(RateLimitSettings.unlimited())
                .build()) {
      ecr.repositories().create("team/web", RepositorySettings.defaults());
      apply(ecr, "team/web", emulator.now());
      System.out.println(ecr.lifecycle().get("team/web").orElseThrow().toJson());
    }
  }
}
