package dev.ecr4j.testkit.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves every request of the emulator's port: the control planes on {@code POST /}, the registry
 * API under {@code /v2/} and the admin API under {@code /_ecr4j/}. Before a request it runs the
 * lifecycle policies when the clock has passed the next scheduled run, and applies an injected
 * fault when one matches.
 *
 * <p>A control-plane request reads the body, verifies the signature, picks the service and
 * operation from {@code X-Amz-Target}, validates the input against the model, runs the operation
 * under its registry's lock, replicates what it pushed once the lock is released, and writes the
 * awsJson response or error.
 *
 * <p>Client mistakes are answered with HTTP 400 and ECR's error codes. Only a bug in the emulator
 * gives a 500 {@code ServerException}.
 */
public final class EmulatorHandler implements HttpHandler {

  private static final System.Logger LOG = LazyLogger.of(EmulatorHandler.class);

  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  /**
   * The largest body read: a 20 MiB layer part grows to about 27 MiB in base64, and the 4 MiB
   * manifest limit is far below this.
   */
  private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final SigV4Verifier verifier;
  private final EmulatorState state;
  private final RegistryApi registryApi;
  private final AdminApi admin;

  /**
   * Creates the handler.
   *
   * @param credentials access key, secret key and account of each configured credential; the first
   *     is the default in lenient mode
   * @param lenient whether any signature is accepted
   * @param state the emulator's state
   */
  public EmulatorHandler(List<List<String>> credentials, boolean lenient, EmulatorState state) {
    this.verifier =
        new SigV4Verifier(
            credentials.stream()
                .map(c -> new SigV4Verifier.Credential(c.get(0), c.get(1), c.get(2)))
                .toList(),
            lenient);
    this.state = state;
    this.registryApi = new RegistryApi(state);
    this.admin = new AdminApi(state);
  }

  /**
   * Loads what the first request needs: the control planes with their service models, and the
   * SHA-256 provider behind signatures. {@code EcrEmulator} runs this on a second thread while it
   * binds its socket, so a cold start does not wait for it. A failure here is ignored, because the
   * same step fails again, with its real error, where the emulator needs it.
   */
  public static void warmUp() {
    Thread requestPath = new Thread(EmulatorHandler::warmUpRequestPath, "ecr4j-emulator-warm-up-2");
    requestPath.setDaemon(true);
    requestPath.start();
    try {
      ControlPlane.ecr();
      // ECR Public comes last, because most tests never call it.
      ControlPlane.ecrPublic();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Warming up the ECR emulator failed; it loads on first use instead", e);
    }
  }

  /** Loads, beside the control planes, what every request needs: ids and signatures. */
  private static void warmUpRequestPath() {
    try {
      requestId();
      SigV4Verifier.warmUp();
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Warming up the ECR emulator failed; it loads on first use instead", e);
    }
  }

  /**
   * Returns a new request id in UUID form, as AWS sends in {@code x-amzn-RequestId}.
   *
   * <p>An id only has to be unique enough to find a request in a log, so it comes from {@link
   * ThreadLocalRandom}: {@link UUID#randomUUID()} seeds a {@code SecureRandom} on first use, which
   * a cold start would wait for.
   */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** Returns the ECR operations the emulator implements. */
  public Set<String> implementedOperations() {
    return ControlPlane.ecr().implemented();
  }

  /** Returns every operation of ECR's model. */
  public Set<String> modelledOperations() {
    return ControlPlane.ecr().model().operations();
  }

  /** Returns the ECR Public operations the emulator implements. */
  public Set<String> implementedPublicOperations() {
    return ControlPlane.ecrPublic().implemented();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.startsWith(AdminApi.PREFIX)) {
      try (exchange) {
        admin.handle(exchange);
      }
      return;
    }
    runDueLifecycle();
    boolean registryRequest = path.equals("/v2") || path.startsWith("/v2/");

    // Faults come first: a fault replaces the response, whatever the request.
    String operation = registryRequest ? null : operationName(exchange);
    FaultInjector.Rule fault = state.faults().next(operation, path).orElse(null);
    if (fault != null && fault.kind() == FaultInjector.Kind.LATENCY) {
      sleep(fault.latency());
      fault = null;
    }
    if (fault != null && fault.kind() == FaultInjector.Kind.DROP_CONNECTION) {
      // Closing an exchange before any response header closes the TCP connection.
      exchange.close();
      return;
    }

    if (registryRequest) {
      // The catch is inside the try-with-resources because a catch clause on it would run after
      // close(), when the 500 can no longer be sent.
      try (exchange) {
        try {
          if (fault != null) {
            RegistryApi.sendError(exchange, registryFault(fault));
            return;
          }
          registryApi.handle(exchange);
        } catch (RuntimeException bug) {
          LOG.log(Level.WARNING, "Registry request " + path + " failed inside the emulator", bug);
          if (exchange.getResponseCode() < 0) {
            RegistryApi.sendError(
                exchange,
                new RegistryError(
                    500,
                    "UNKNOWN",
                    "The ECR emulator failed on this request ("
                        + bug
                        + "). This is a bug in ecr4j."));
          }
        }
      }
      return;
    }

    String requestId = requestId();
    try (exchange) {
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      try {
        if (fault != null) {
          throw controlPlaneFault(fault);
        }
        ObjectNode response = dispatch(exchange);
        send(exchange, 200, Json.write(response));
      } catch (AwsError error) {
        state.replicator().discardPending();
        sendError(exchange, error);
      } catch (RuntimeException bug) {
        state.replicator().discardPending();
        LOG.log(Level.WARNING, "Request " + requestId + " failed inside the emulator", bug);
        sendError(
            exchange,
            new AwsError(
                "ServerException",
                500,
                "The ECR emulator failed on this request (" + bug + "). This is a bug in ecr4j."));
      }
    }
  }

  /** Runs the lifecycle policies when the clock has passed the next scheduled run. */
  private void runDueLifecycle() {
    try {
      state.runLifecycleIfDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A scheduled lifecycle run failed", e);
    }
  }

  private static @Nullable String operationName(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null) {
      return null;
    }
    int dot = target.indexOf('.');
    return dot < 0 ? null : target.substring(dot + 1);
  }

  private static void sleep(Duration latency) {
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the control plane's error for an injected fault, as ECR sends it. */
  private static AwsError controlPlaneFault(FaultInjector.Rule fault) {
    return switch (fault.kind()) {
      case THROTTLING -> AwsError.of("ThrottlingException", "Rate exceeded");
      case EXPIRED_TOKEN ->
          AwsError.of(
              "ExpiredTokenException", "The security token included in the request is expired");
      default ->
          new AwsError(
              "ServerException",
              fault.status(),
              "The ECR emulator injected a server error (HTTP " + fault.status() + ").");
    };
  }

  /** Returns the registry API's error for an injected fault. */
  private static RegistryError registryFault(FaultInjector.Rule fault) {
    return switch (fault.kind()) {
      case THROTTLING -> new RegistryError(429, "TOOMANYREQUESTS", "Rate exceeded");
      case EXPIRED_TOKEN -> RegistryApi.expiredToken();
      default ->
          new RegistryError(
              fault.status(),
              "UNKNOWN",
              "The ECR emulator injected a server error (HTTP " + fault.status() + ").");
    };
  }

  private ObjectNode dispatch(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (!method.equals("POST") || !path.equals("/")) {
      throw new AwsError(
          "UnknownOperationException",
          404,
          "The emulator serves the ECR control planes on POST /; "
              + method
              + " "
              + path
              + " is not"
              + " an operation.");
    }

    // 1. Find the service and operation.
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null || target.isBlank()) {
      throw AwsError.of("UnknownOperationException", "The X-Amz-Target header is missing.");
    }
    int dot = target.indexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    String operation = dot < 0 ? "" : target.substring(dot + 1);
    // The prefixes are constants, so that a call to one plane never waits for the other's build.
    ControlPlane plane;
    if (prefix.equals(ControlPlane.ECR_TARGET_PREFIX)) {
      plane = ControlPlane.ecr();
    } else if (prefix.equalsIgnoreCase(ControlPlane.ECR_PUBLIC_TARGET_PREFIX)) {
      plane = ControlPlane.ecrPublic();
    } else {
      throw AwsError.of("UnknownOperationException", "Unknown service in X-Amz-Target: " + target);
    }
    if (!plane.model().hasOperation(operation)) {
      throw AwsError.of("UnknownOperationException", "Unknown operation " + operation + ".");
    }

    // 2. Authenticate, then read and validate the input.
    byte[] body = readBody(exchange);
    SigV4Verifier.Caller caller =
        verifier.verify(
            new SigV4Verifier.SignedRequest(
                method,
                path,
                exchange.getRequestURI().getRawQuery(),
                name -> {
                  List<String> values = exchange.getRequestHeaders().get(name);
                  return values == null ? List.of() : values;
                },
                body),
            plane.signingName(),
            Instant.now());
    ObjectNode input = Json.readBody(new String(body, StandardCharsets.UTF_8));
    plane.model().validate(operation, input);
    Operation implementation =
        plane
            .operation(operation)
            .orElseThrow(
                () ->
                    AwsError.of(
                        "UnsupportedOperationException",
                        "The ECR emulator does not support " + operation + " yet."));

    // 3. Run the operation under the lock of the registry it addresses.
    Call call = new Call(operation, input, caller, state, state.now());
    Object lock = plane.isPublic() ? state.publicRegistry(caller.accountId()) : call.registry();
    ObjectNode response;
    synchronized (lock) {
      response = implementation.handle(call);
    }
    state.replicator().runPending();
    return response;
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] chunk = new byte[16 * 1024];
      int read;
      while ((read = in.read(chunk)) > 0) {
        if (buffer.size() + read > MAX_BODY_BYTES) {
          throw new AwsError(
              "SerializationException",
              413,
              "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        buffer.write(chunk, 0, read);
      }
    }
    return buffer.toByteArray();
  }

  private static void sendError(HttpExchange exchange, AwsError error) throws IOException {
    ObjectNode body = Json.object();
    body.put("__type", error.code());
    body.put("message", error.text());
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
    send(exchange, error.status(), Json.write(body));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
