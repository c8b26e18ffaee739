package dev.ecr4j.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when ECR throttled a call and no retry was left or allowed; the rate limiter of the client
 * normally keeps calls under ECR's quotas.
 */
public class ThrottledException extends Ecr4jServiceException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link Ecr4jServiceException} for the parameters. */
  public ThrottledException(
      String message,
      String operation,
      int statusCode,
      @Nullable String awsErrorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, operation, statusCode, awsErrorCode, requestId, cause);
  }
}
