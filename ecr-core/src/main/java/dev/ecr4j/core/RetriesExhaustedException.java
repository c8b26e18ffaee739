package dev.ecr4j.core;

import java.time.Duration;

/**
 * Thrown when a call failed with a retryable error on every attempt it was allowed, or when its
 * deadline passed first.
 *
 * <p>The {@linkplain #getCause() cause} is the last failure, usually the AWS SDK's exception; the
 * typed ecr4j exception for that failure is {@link #lastFailure()}.
 */
public final class RetriesExhaustedException extends Ecr4jException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int attempts;
  private final Duration elapsed;
  private final Ecr4jException lastFailure;

  /**
   * Creates the exception.
   *
   * @param operation the ECR operation, such as {@code PutImage}
   * @param attempts how many attempts were sent
   * @param elapsed the time from the first attempt to the last failure
   * @param deadlineExceeded whether the overall deadline ended the retries
   * @param lastFailure the typed last failure; its cause becomes this exception's cause
   */
  public RetriesExhaustedException(
      String operation,
      int attempts,
      Duration elapsed,
      boolean deadlineExceeded,
      Ecr4jException lastFailure) {
    super(
        message(operation, attempts, elapsed, deadlineExceeded, lastFailure),
        lastFailure.getCause() != null ? lastFailure.getCause() : lastFailure);
    this.operation = operation;
    this.attempts = attempts;
    this.elapsed = elapsed;
    this.lastFailure = lastFailure;
  }

  private static String message(
      String operation,
      int attempts,
      Duration elapsed,
      boolean deadlineExceeded,
      Ecr4jException lastFailure) {
    String reason = deadlineExceeded ? "the deadline passed" : "no attempt was left";
    return operation
        + " failed after "
        + attempts
        + (attempts == 1 ? " attempt" : " attempts")
        + " in "
        + elapsed.toMillis()
        + " ms because "
        + reason
        + "; last failure: "
        + lastFailure.getMessage();
  }

  /** Returns the ECR operation that failed. */
  public String operation() {
    return operation;
  }

  /** Returns how many attempts were sent, never more than the configured maximum. */
  public int attempts() {
    return attempts;
  }

  /** Returns the time from the start of the call to the last failure. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Returns the last failure as a typed ecr4j exception. */
  public Ecr4jException lastFailure() {
    return lastFailure;
  }
}
