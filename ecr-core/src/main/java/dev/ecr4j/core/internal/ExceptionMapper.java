package dev.ecr4j.core.internal;

import dev.ecr4j.core.AlreadyExistsException;
import dev.ecr4j.core.AuthenticationException;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.Ecr4jServiceException;
import dev.ecr4j.core.InvalidRequestException;
import dev.ecr4j.core.NotFoundException;
import dev.ecr4j.core.RetriesExhaustedException;
import dev.ecr4j.core.ThrottledException;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps the AWS SDK's exceptions to ecr4j's, keeping the SDK's exception as the cause. */
final class ExceptionMapper {

  // ECR's validation errors; the message names the parameter and the constraint.
  private static final Set<String> INVALID_CODES =
      Set.of(
          "InvalidParameterException",
          "ValidationException",
          "InvalidTagParameterException",
          "TooManyTagsException",
          "ImageDigestDoesNotMatchException",
          "UnsupportedImageTypeException",
          "UnsupportedUpstreamRegistryException",
          "ReferencedImagesNotFoundException",
          "LayersNotFoundException",
          "SerializationException");

  // Rejected credentials or missing permissions, from STS-style and ECR-style error codes.
  private static final Set<String> AUTHENTICATION_CODES =
      Set.of(
          "AccessDeniedException",
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "MissingAuthenticationTokenException",
          "ExpiredTokenException",
          "InvalidClientTokenId",
          "AuthFailure");

  private ExceptionMapper() {}

  /**
   * Maps the final failure of a logical call.
   *
   * @param attempts the attempts sent, as counted by the client
   * @param elapsed the time since the call started
   */
  static Ecr4jException map(
      String operation, SdkException failure, int attempts, Duration elapsed) {
    int sentAttempts =
        Math.max(attempts, failure.numAttempts() == null ? 0 : failure.numAttempts());

    if (failure instanceof ApiCallTimeoutException) {
      Throwable last = failure.getCause() instanceof SdkException ? failure.getCause() : failure;
      Ecr4jException lastFailure =
          last instanceof SdkException && last != failure
              ? single(operation, (SdkException) last)
              : new Ecr4jException(operation + " timed out: " + failure.getMessage(), failure);
      return new RetriesExhaustedException(operation, sentAttempts, elapsed, true, lastFailure);
    }

    Ecr4jException typed = single(operation, failure);
    if (sentAttempts > 1 && (Failures.isEndpointFailure(failure))) {
      return new RetriesExhaustedException(operation, sentAttempts, elapsed, false, typed);
    }
    return typed;
  }

  /** Maps one failed attempt, ignoring retries. */
  static Ecr4jException single(String operation, SdkException failure) {
    if (!(failure instanceof AwsServiceException)) {
      return new Ecr4jException(
          operation + " failed before ECR responded: " + failure.getMessage(), failure);
    }
    AwsServiceException service = (AwsServiceException) failure;
    String code = Failures.errorCode(service);
    int status = service.statusCode();
    @Nullable String requestId = service.requestId();
    String ecrMessage =
        service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
            ? service.awsErrorDetails().errorMessage()
            : "no message";
    String message =
        operation
            + " failed: "
            + ecrMessage
            + " ("
            + (code.isEmpty() ? "no error code" : code)
            + ", HTTP "
            + status
            + (requestId == null ? "" : ", request id " + requestId)
            + ")";
    @Nullable String errorCode = code.isEmpty() ? null : code;

    if (Failures.isThrottling(service)) {
      return new ThrottledException(message, operation, status, errorCode, requestId, service);
    }
    if (code.endsWith("NotFoundException")) {
      return new NotFoundException(message, operation, status, errorCode, requestId, service);
    }
    if (code.endsWith("AlreadyExistsException")) {
      return new AlreadyExistsException(message, operation, status, errorCode, requestId, service);
    }
    if (INVALID_CODES.contains(code)) {
      return new InvalidRequestException(message, operation, status, errorCode, requestId, service);
    }
    if (AUTHENTICATION_CODES.contains(code) || status == 401 || status == 403) {
      return new AuthenticationException(message, operation, status, errorCode, requestId, service);
    }
    return new Ecr4jServiceException(message, operation, status, errorCode, requestId, service);
  }
}
