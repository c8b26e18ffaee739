package dev.ecr4j.testkit.emulator.internal;

/**
 * An error response of the registry API: an OCI error code such as {@code NAME_UNKNOWN}, the HTTP
 * status and the message, sent as {@code {"errors":[{"code":...,"message":...}]}}.
 */
final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  RegistryError(int status, String code, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  String code() {
    return code;
  }

  int status() {
    return status;
  }

  String text() {
    return String.valueOf(getMessage());
  }
}
