package dev.ecr4j.testkit.emulator;

import java.time.Instant;
import java.util.List;

/**
 * The result of one lifecycle run of the emulator, across every registry.
 *
 * @param evaluatedAt the emulator time of the run
 * @param expired the deleted images, as {@code ACCOUNT/REGION/REPOSITORY@DIGEST}
 * @param archived the images moved to the archive storage class, in the same form
 */
public record LifecycleRun(Instant evaluatedAt, List<String> expired, List<String> archived) {

  /** Copies the lists. */
  public LifecycleRun {
    expired = List.copyOf(expired);
    archived = List.copyOf(archived);
  }
}
