package dev.ecr4j.testkit.emulator.internal;

/**
 * An error answer of the awsJson 1.1 protocol: the error code sent as {@code __type}, the HTTP
 * status and the message. Operations throw it; the handler renders it.
 */
public final class AwsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** HTTP 400: the status of every modelled ECR exception except {@code ServerException}. */
  static final int BAD_REQUEST = 400;

  private final String code;
  private final int status;

  AwsError(String code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  /** Creates an error answered with HTTP 400. */
  static AwsError of(String code, String message) {
    return new AwsError(code, BAD_REQUEST, message);
  }

  /** Returns the error code, such as {@code RepositoryNotFoundException}. */
  public String code() {
    return code;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the message sent to the client. */
  public String text() {
    return String.valueOf(getMessage());
  }

  /**
   * Creates ECR's {@code InvalidParameterException} for a value that breaks a constraint, in ECR's
   * wording: {@code Invalid parameter at 'name' failed to satisfy constraint: 'constraint'}.
   */
  static AwsError invalidParameter(String name, String constraint) {
    return of(
        "InvalidParameterException",
        "Invalid parameter at '" + name + "' failed to satisfy constraint: '" + constraint + "'");
  }

  /** Creates ECR's {@code InvalidParameterException} with a free-form message. */
  static AwsError invalidRequest(String message) {
    return of("InvalidParameterException", message);
  }

  /** Creates {@code RepositoryNotFoundException} in ECR's wording. */
  static AwsError repositoryNotFound(String name, String registryId) {
    return of(
        "RepositoryNotFoundException",
        "The repository with name '"
            + name
            + "' does not exist in the registry with id '"
            + registryId
            + "'");
  }

  /** Creates the awsJson {@code SerializationException} for a body that cannot be read. */
  static AwsError serialization(String message) {
    return of("SerializationException", message);
  }
}
