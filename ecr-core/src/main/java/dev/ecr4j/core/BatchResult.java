package dev.ecr4j.core;

import java.util.List;

/**
 * The outcome of a batch call on images: what succeeded and, per image, what failed.
 *
 * @param succeeded the results of the images that succeeded
 * @param failures the images that failed, with ECR's reason
 * @param <T> the result type per image
 */
public record BatchResult<T>(List<T> succeeded, List<ImageFailure> failures) {

  public BatchResult {
    succeeded = List.copyOf(succeeded);
    failures = List.copyOf(failures);
  }

  /** Returns whether every image succeeded. */
  public boolean allSucceeded() {
    return failures.isEmpty();
  }
}
