package dev.ecr4j.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of the unchecked exceptions that ecr4j throws when a call to ECR or to a registry fails.
 *
 * <p>The name avoids the AWS SDK's own {@code
 * software.amazon.awssdk.services.ecr.model.EcrException}, so both can be imported in one file.
 * Caller mistakes, such as a malformed policy, are reported with {@link IllegalArgumentException}
 * and its subclasses instead.
 */
public class Ecr4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Ecr4jException(String message) {
    super(message);
  }

  public Ecr4jException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
