package dev.ecr4j.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a call creates something that already exists, such as a repository or a pull-through
 * cache rule.
 */
public class AlreadyExistsException extends Ecr4jServiceException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link Ecr4jServiceException} for the parameters. */
  public AlreadyExistsException(
      String message,
      String operation,
      int statusCode,
      @Nullable String awsErrorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, operation, statusCode, awsErrorCode, requestId, cause);
  }
}
