package dev.ecr4j.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when ECR rejects a request as invalid; the message includes ECR's own text, which names
 * the parameter and the constraint.
 */
public class InvalidRequestException extends Ecr4jServiceException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link Ecr4jServiceException} for the parameters. */
  public InvalidRequestException(
      String message,
      String operation,
      int statusCode,
      @Nullable String awsErrorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, operation, statusCode, awsErrorCode, requestId, cause);
  }
}
