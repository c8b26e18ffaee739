package dev.ecr4j.testkit.assertj;

import java.time.Duration;

/**
 * Repeats a check until it passes or a timeout passes, for state that changes in the background.
 */
final class Polling {

  /** Long enough to spare a local backend from busy polling, short enough to keep tests fast. */
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private Polling() {}

  /**
   * Runs {@code check} until it throws no {@link AssertionError}, at most until {@code timeout} has
   * passed; then rethrows the last failure. A zero timeout runs the check once.
   */
  static void until(Duration timeout, Runnable check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() - deadline >= 0) {
          throw e;
        }
      }
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for an ECR assertion.", e);
      }
    }
  }
}
