package dev.ecr4j.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when ECR rejected a call with an error. Subclasses name what the caller can do about it;
 * this class itself covers every other error code, such as {@code LimitExceededException} or {@code
 * RepositoryNotEmptyException}.
 *
 * <p>The AWS SDK's exception is always the {@linkplain #getCause() cause}.
 */
public class Ecr4jServiceException extends Ecr4jException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int statusCode;
  private final @Nullable String awsErrorCode;
  private final @Nullable String requestId;

  /**
   * Creates an exception for a failed call.
   *
   * @param message the message, which includes ECR's own message
   * @param operation the ECR operation, such as {@code CreateRepository}
   * @param statusCode the HTTP status code, or 0 when no response arrived
   * @param awsErrorCode ECR's error code, such as {@code RepositoryNotFoundException}
   * @param requestId the request id ECR returned
   * @param cause the AWS SDK's exception
   */
  public Ecr4jServiceException(
      String message,
      String operation,
      int statusCode,
      @Nullable String awsErrorCode,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.statusCode = statusCode;
    this.awsErrorCode = awsErrorCode;
    this.requestId = requestId;
  }

  /** Returns the ECR operation that failed, such as {@code DescribeRepositories}. */
  public String operation() {
    return operation;
  }

  /** Returns the HTTP status code of the last response, or 0 when no response arrived. */
  public int statusCode() {
    return statusCode;
  }

  /** Returns ECR's error code, such as {@code RepositoryNotFoundException}. */
  public Optional<String> awsErrorCode() {
    return Optional.ofNullable(awsErrorCode);
  }

  /** Returns the request id of the last response, for AWS support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
