package dev.ecr4j.registry;

import dev.ecr4j.core.Ecr4jException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a registry rejects a request or cannot be reached. Carries the HTTP status and the
 * first OCI error code of the response body, such as {@code MANIFEST_UNKNOWN}, {@code DENIED} or
 * {@code TOOMANYREQUESTS}.
 */
public class RegistryException extends Ecr4jException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String errorCode;

  /** Creates the exception; {@code statusCode} is 0 when no response arrived. */
  public RegistryException(
      String message, int statusCode, String errorCode, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }

  /** Returns the HTTP status, or 0 when the request failed before a response. */
  public int statusCode() {
    return statusCode;
  }

  /** Returns the OCI error code, or an empty string when the response had none. */
  public String errorCode() {
    return errorCode;
  }

  /** Returns whether a later attempt may succeed: no response, 408, 429 or a 5xx status. */
  public boolean isRetryable() {
    return statusCode == 0
        || statusCode == 408
        || statusCode == 429
        || statusCode == 500
        || statusCode == 502
        || statusCode == 503
        || statusCode == 504;
  }
}
