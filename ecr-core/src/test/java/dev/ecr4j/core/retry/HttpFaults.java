package dev.ecr4j.core.retry;

import okhttp3.mockwebserver.MockResponse;

/** Canned ECR error responses for MockWebServer. */
public final class HttpFaults {

  private HttpFaults() {}

  /** Returns an awsJson1_1 error with ECR's shape: {@code __type} and {@code message}. */
  public static MockResponse error(int status, String code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/x-amz-json-1.1")
        .setHeader("x-amzn-RequestId", "test-request")
        .setBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  /** Returns ECR's throttling response: HTTP 400 ThrottlingException "Rate exceeded". */
  public static MockResponse throttling() {
    return error(400, "ThrottlingException", "Rate exceeded");
  }

  /** Returns an HTTP 500 ServerException. */
  public static MockResponse serverError() {
    return error(500, "ServerException", "Service unavailable");
  }
}
