package dev.ecr4j.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Classifies failures for the circuit breaker and the exception mapping. */
final class Failures {

  // The throttling codes that SDK 2.59.1 recognizes (AwsErrorCode.THROTTLING_ERROR_CODES).
  static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "ProvisionedThroughputExceededException",
          "SlowDown",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "BandwidthLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "EC2ThrottledException",
          "TransactionInProgressException");

  private Failures() {}

  /** Returns whether ECR throttled the call: HTTP 429 or a throttling error code. */
  static boolean isThrottling(Throwable failure) {
    if (!(failure instanceof AwsServiceException)) {
      return false;
    }
    AwsServiceException service = (AwsServiceException) failure;
    if (service.statusCode() == 429) {
      return true;
    }
    return THROTTLING_CODES.contains(errorCode(service));
  }

  /**
   * Returns whether the failure means the endpoint is unhealthy: 5xx, throttling or no response.
   */
  static boolean isEndpointFailure(Throwable failure) {
    if (failure instanceof AwsServiceException) {
      AwsServiceException service = (AwsServiceException) failure;
      return service.statusCode() >= 500 || isThrottling(service);
    }
    return isConnectionFailure(failure);
  }

  /** Returns whether no response arrived: a connection failure or an attempt timeout. */
  static boolean isConnectionFailure(Throwable failure) {
    if (failure instanceof ApiCallAttemptTimeoutException) {
      return true;
    }
    if (!(failure instanceof SdkClientException)) {
      return false;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  /** Returns ECR's error code, or an empty string when the response had none. */
  static String errorCode(AwsServiceException service) {
    if (service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null) {
      return "";
    }
    return service.awsErrorDetails().errorCode();
  }

  /** Describes a failure for events and logs: class, code and status, never a header. */
  static String summary(Throwable failure) {
    if (failure instanceof AwsServiceException) {
      AwsServiceException service = (AwsServiceException) failure;
      return errorCode(service).isEmpty()
          ? "HTTP " + service.statusCode()
          : errorCode(service) + " (HTTP " + service.statusCode() + ")";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
