package dev.ecr4j.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when ECR rejects the credentials or the caller lacks permission (HTTP 401 or 403, or an
 * error code such as {@code AccessDeniedException}).
 */
public class AuthenticationException extends Ecr4jServiceException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link Ecr4jServiceException} for the parameters. */
  public AuthenticationException(
      String message,
      String operation,
      int statusCode,
      @Nullable String awsErrorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, operation, statusCode, awsErrorCode, requestId, cause);
  }
}
