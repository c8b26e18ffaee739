package dev.ecr4j.core;

import org.jspecify.annotations.Nullable;

/** Thrown when the repository, image, policy, rule or template named in a call does not exist. */
public class NotFoundException extends Ecr4jServiceException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link Ecr4jServiceException} for the parameters. */
  public NotFoundException(
      String message,
      String operation,
      int statusCode,
      @Nullable String awsErrorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, operation, statusCode, awsErrorCode, requestId, cause);
  }
}
