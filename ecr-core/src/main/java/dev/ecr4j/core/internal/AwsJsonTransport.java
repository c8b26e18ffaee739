package dev.ecr4j.core.internal;

import dev.ecr4j.core.Ecr4jException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends awsJson 1.1 calls ({@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}) signed
 * with SigV4, for services whose SDK module ecr4j does not use. It runs the retries of one logical
 * call itself, with the same {@link RetryStrategy} that {@link EcrCalls#sdkRetryStrategy()} gives
 * the SDK clients, so attempt limits, backoff and {@code Retry-After} behave as they do there.
 *
 * <p>Failures are thrown as the SDK's own exception types, so {@link EcrCalls}, {@link Failures}
 * and {@link ExceptionMapper} classify them as they classify the SDK clients' failures: an error
 * response becomes an {@link AwsServiceException} with the error code, message, status, request id
 * and headers; no response becomes an {@link SdkClientException} caused by an {@link IOException};
 * and a call that runs out of time becomes an {@link ApiCallTimeoutException} caused by its last
 * failure.
 *
 * <p>Run {@link #send} inside {@link EcrCalls#call}, which adds the rate limiter, the circuit
 * breaker and the mapping to ecr4j's exceptions. Thread-safe.
 */
public final class AwsJsonTransport implements AutoCloseable {

  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  // A control-plane response is a few kilobytes, so a larger one is not from the service.
  private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final SdkHttpClient http;
  private final boolean ownsHttpClient;
  private final URI endpoint;
  private final String targetPrefix;
  private final String serviceName;
  private final String signingName;
  private final String signingRegion;
  private final AwsCredentialsProvider credentials;
  private final RetryStrategy retryStrategy;
  private final Clock clock;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final ScheduledExecutorService timer;

  /**
   * Creates the transport.
   *
   * @param http the HTTP client; closed by {@link #close()} when {@code ownsHttpClient} is true
   * @param endpoint the service endpoint, such as {@code https://api.ecr-public.us-east-1...}
   * @param targetPrefix the prefix of {@code X-Amz-Target}, such as {@code SpencerFrontendService}
   * @param serviceName the service's name in error details, such as {@code ECR PUBLIC}
   * @param signingName the SigV4 service name of the credential scope, such as {@code ecr-public}
   * @param signingRegion the SigV4 region of the credential scope
   * @param retryStrategy the strategy from {@link EcrCalls#sdkRetryStrategy()}
   * @param clock the clock of the signatures
   */
  public AwsJsonTransport(
      SdkHttpClient http,
      boolean ownsHttpClient,
      URI endpoint,
      String targetPrefix,
      String serviceName,
      String signingName,
      String signingRegion,
      AwsCredentialsProvider credentials,
      RetryStrategy retryStrategy,
      Clock clock) {
    this.http = http;
    this.ownsHttpClient = ownsHttpClient;
    this.endpoint = endpoint;
    this.targetPrefix = targetPrefix;
    this.serviceName = serviceName;
    this.signingName = signingName;
    this.signingRegion = signingRegion;
    this.credentials = credentials;
    this.retryStrategy = retryStrategy;
    this.clock = clock;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "ecr4j-call-deadline");
              thread.setDaemon(true);
              return thread;
            });
    // Cancelled aborts leave the queue at once instead of when their delay ends.
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  /** Returns a new empty JSON object for a request body. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Sends {@code operation} with {@code input} as the body, retrying as the strategy allows within
   * {@code timeout}, and returns the response body.
   *
   * @param timeout what is left of the logical call's deadline
   * @throws SdkException the last failure: {@link AwsServiceException} for an error response,
   *     {@link SdkClientException} when no readable response arrived, {@link
   *     ApiCallTimeoutException} when the timeout passed first
   */
  public JsonNode send(String operation, ObjectNode input, Duration timeout) {
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    byte[] body = MAPPER.writeValueAsBytes(input);

    RetryToken token =
        retryStrategy
            .acquireInitialToken(AcquireInitialTokenRequest.create(endpoint.toString()))
            .token();
    int attempt = 0;
    while (true) {
      attempt++;
      SdkException failure;
      try {
        JsonNode result = attempt(operation, body, deadlineNanos);
        retryStrategy.recordSuccess(RecordSuccessRequest.create(token));
        return result;
      } catch (AwsServiceException | SdkClientException e) {
        failure = e;
      }
      if (failure instanceof ApiCallTimeoutException) {
        throw failure;
      }

      // 1. Ask the strategy, which rejects failures that are not retryable and spent budgets.
      RefreshRetryTokenResponse decision;
      try {
        decision =
            retryStrategy.refreshRetryToken(
                RefreshRetryTokenRequest.builder()
                    .token(token)
                    .failure(failure)
                    .operationName(operation)
                    .build());
      } catch (TokenAcquisitionFailedException e) {
        throw withAttempts(failure, attempt);
      }
      token = decision.token();

      // 2. Wait for the backoff, unless it would end after the deadline: the call fails now, as
      // it would when the deadline passed during the wait.
      long remainingNanos = deadlineNanos - System.nanoTime();
      if (decision.delay().toNanos() >= remainingNanos) {
        throw timeout(operation, timeout, attempt, failure);
      }
      sleep(operation, decision.delay());
    }
  }

  /** Sends one attempt; an attempt still running at the deadline is aborted. */
  private JsonNode attempt(String operation, byte[] body, long deadlineNanos) {
    long remainingNanos = deadlineNanos - System.nanoTime();
    if (remainingNanos <= 0) {
      throw ApiCallTimeoutException.create(operation + " reached its deadline", null);
    }
    CallContext call = CallContext.current();
    if (call != null) {
      call.attempts++;
    }

    SignedRequest signed = sign(operation, body);
    ExecutableHttpRequest request =
        http.prepareRequest(
            HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build());
    AtomicBoolean aborted = new AtomicBoolean();
    ScheduledFuture<?> abort =
        timer.schedule(
            () -> {
              aborted.set(true);
              request.abort();
            },
            remainingNanos,
            TimeUnit.NANOSECONDS);
    try {
      HttpExecuteResponse response = request.call();
      byte[] responseBody = readBody(response);
      return handle(operation, response.httpResponse(), responseBody);
    } catch (IOException | RuntimeException e) {
      if (aborted.get()) {
        throw ApiCallTimeoutException.create(
            operation + " was aborted at its deadline: " + e.getMessage(), e);
      }
      if (e instanceof IOException) {
        throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    } finally {
      abort.cancel(false);
    }
  }

  private SignedRequest sign(String operation, byte[] body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath("/")
            .putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("X-Amz-Target", targetPrefix + "." + operation)
            .putHeader("Content-Length", Integer.toString(body.length))
            .build();
    // Credentials are resolved per attempt, so a provider that rotates them is followed.
    AwsCredentials identity = credentials.resolveCredentials();
    return signer.sign(
        sign ->
            sign.request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .identity(identity)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
  }

  private static byte[] readBody(HttpExecuteResponse response) throws IOException {
    Optional<? extends InputStream> stream = response.responseBody();
    if (stream.isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = stream.get()) {
      byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException(
            "The response body is larger than " + MAX_RESPONSE_BYTES + " bytes; it was not read");
      }
      return bytes;
    }
  }

  /** Returns the body of a 2xx response, or throws the error that a non-2xx response carries. */
  private JsonNode handle(String operation, SdkHttpResponse response, byte[] body)
      throws IOException {
    if (response.isSuccessful()) {
      if (body.length == 0) {
        return MAPPER.createObjectNode();
      }
      try {
        return MAPPER.readTree(body);
      } catch (JacksonException e) {
        // A cut or garbled body is treated as a transport failure, so it is retried like one.
        throw new IOException(
            operation + " returned HTTP " + response.statusCode() + " with a body that is not JSON",
            e);
      }
    }
    throw serviceException(response, body);
  }

  /**
   * Builds the exception of an awsJson error response. The code is {@code __type}, whose namespace
   * prefix before {@code #} is dropped, or else the {@code x-amzn-ErrorType} header up to its
   * {@code :}. The message is {@code message} or {@code Message}.
   */
  private AwsServiceException serviceException(SdkHttpResponse response, byte[] body) {
    JsonNode json = null;
    try {
      json = body.length == 0 ? null : MAPPER.readTree(body);
    } catch (JacksonException e) {
      // A proxy's HTML page or a cut body: the status and headers still classify the failure.
    }

    String code = json == null ? null : text(json, "__type");
    if (code == null) {
      code = response.firstMatchingHeader("x-amzn-ErrorType").orElse(null);
      if (code != null && code.indexOf(':') >= 0) {
        code = code.substring(0, code.indexOf(':'));
      }
    }
    if (code != null && code.indexOf('#') >= 0) {
      code = code.substring(code.lastIndexOf('#') + 1);
    }
    String message = json == null ? null : text(json, "message");
    if (message == null && json != null) {
      message = text(json, "Message");
    }
    String requestId =
        response
            .firstMatchingHeader("x-amzn-RequestId")
            .or(() -> response.firstMatchingHeader("x-amz-request-id"))
            .orElse(null);

    AwsErrorDetails details =
        AwsErrorDetails.builder()
            .errorCode(code == null || code.isBlank() ? null : code.trim())
            .errorMessage(message)
            .serviceName(serviceName)
            .sdkHttpResponse(response)
            .rawResponse(SdkBytes.fromByteArray(body))
            .build();
    return AwsServiceException.builder()
        .message(
            (message == null ? "HTTP " + response.statusCode() : message)
                + " (Service: "
                + serviceName
                + ", Status Code: "
                + response.statusCode()
                + ", Request ID: "
                + requestId
                + ")")
        .statusCode(response.statusCode())
        .requestId(requestId)
        .awsErrorDetails(details)
        .build();
  }

  private static @Nullable String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  private static SdkException withAttempts(SdkException failure, int attempts) {
    return failure.toBuilder().numAttempts(attempts).build();
  }

  private static ApiCallTimeoutException timeout(
      String operation, Duration timeout, int attempts, SdkException lastFailure) {
    ApiCallTimeoutException timedOut =
        ApiCallTimeoutException.create(
            operation
                + " did not complete within its deadline of "
                + timeout.toMillis()
                + " ms after "
                + attempts
                + (attempts == 1 ? " attempt" : " attempts"),
            lastFailure);
    return (ApiCallTimeoutException) timedOut.toBuilder().numAttempts(attempts).build();
  }

  private static void sleep(String operation, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis(), (int) (delay.toNanosPart() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ecr4jException(operation + " was interrupted while waiting to retry", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (ownsHttpClient) {
      http.close();
    }
  }
}
