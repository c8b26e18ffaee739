package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the lifecycle policies of every repository: ecr4j's evaluator decides, and the runner
 * deletes the images it expires and archives the images it transitions. The evaluator already sends
 * referrers the way of their subjects and keeps the children of a manifest list while the list
 * stays, so the runner applies its decisions as they are.
 */
public final class LifecycleRunner {

  /**
   * The result of one run.
   *
   * @param evaluatedAt the emulator time of the run
   * @param expired the deleted images, as {@code ACCOUNT/REGION/REPOSITORY@DIGEST}
   * @param archived the archived images, in the same form
   */
  public record Run(Instant evaluatedAt, List<String> expired, List<String> archived) {
    public Run {
      expired = List.copyOf(expired);
      archived = List.copyOf(archived);
    }
  }

  private LifecycleRunner() {}

  /** Runs every repository's lifecycle policy in every registry at {@code now}. */
  public static Run runAll(EmulatorState state, Instant now) {
    List<String> expired = new ArrayList<>();
    List<String> archived = new ArrayList<>();
    for (RegistryState registry : state.registries()) {
      synchronized (registry) {
        for (RepositoryState repository : registry.repositories().values()) {
          run(registry, repository, now, expired, archived);
        }
      }
    }
    return new Run(now, expired, archived);
  }

  private static void run(
      RegistryState registry,
      RepositoryState repository,
      Instant now,
      List<String> expired,
      List<String> archived) {
    String text = repository.lifecyclePolicyText();
    if (text == null) {
      return;
    }
    LifecyclePolicy policy = LifecycleOperations.check(text);
    List<LifecycleImage> images = new ArrayList<>();
    for (ImageRecord image : repository.images()) {
      images.add(LifecycleOperations.toLifecycleImage(repository, image));
    }
    LifecyclePreview preview = policy.preview(images, now);

    String prefix = registry.registryId() + "/" + registry.region() + "/" + repository.name() + "@";
    for (String digest : preview.transitionedDigests()) {
      repository.imageByDigest(digest).ifPresent(image -> image.archive(now));
      archived.add(prefix + digest);
    }
    for (String digest : preview.expiredDigests()) {
      repository.deleteImage(digest);
      expired.add(prefix + digest);
    }
    repository.setLifecycleEvaluatedAt(now);
  }
}
