package dev.ecr4j.registry;

import dev.ecr4j.core.auth.RegistryHost;
import dev.ecr4j.core.auth.RegistryTokenProvider;
import dev.ecr4j.core.auth.TokenExpiredException;
import dev.ecr4j.core.internal.RetryAfter;
import dev.ecr4j.core.retry.RetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends requests to registries. It builds URLs and authenticates with Basic, a Bearer token from
 * the registry's challenge, or ECR tokens. It replays a request once after a 401 or an expired ECR
 * token, and retries bodiless or in-memory requests on connection failures, 408, 429 and 5xx.
 * Requests with a streamed body are sent once here, because their caller retries the whole upload
 * session instead.
 */
final class RegistryHttp {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  // Error bodies are small JSON documents; more than this is not worth reading into a message.
  static final long MAX_ERROR_BODY = 64 * 1024;
  // Bearer tokens without expires_in are valid for 60 s (the Docker token specification).
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
  // Refresh a Bearer token this long before it expires, so a request never carries a dead one.
  private static final Duration TOKEN_EXPIRY_MARGIN = Duration.ofSeconds(10);
  private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Waits between attempts; tests replace it to run without delays. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The repository a request touches and whether it writes, as the scope of a Bearer token. */
  record Scope(String registry, String repository, boolean push) {
    String tokenScope() {
      return "repository:" + repository + ":" + (push ? "pull,push" : "pull");
    }
  }

  private enum Scheme {
    NONE,
    BASIC,
    BEARER
  }

  private record Challenge(Scheme scheme, Map<String, String> parameters) {}

  private record BearerToken(String value, Instant expiresAt) {}

  private final OkHttpClient http;
  private final Function<String, RegistryAuth> authentication;
  private final Function<String, Boolean> insecure;
  private final RetrySettings retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ConcurrentMap<String, Challenge> challenges = new ConcurrentHashMap<>();
  private final ConcurrentMap<Scope, BearerToken> bearerTokens = new ConcurrentHashMap<>();

  RegistryHttp(
      OkHttpClient http,
      Function<String, RegistryAuth> authentication,
      Function<String, Boolean> insecure,
      RetrySettings retry,
      Sleeper sleeper,
      Clock clock) {
    this.http = http;
    this.authentication = authentication;
    this.insecure = insecure;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  RetrySettings retrySettings() {
    return retry;
  }

  /** Returns the URL of {@code path} (starting with {@code /v2/}) on {@code registry}. */
  HttpUrl url(String registry, String path) {
    String scheme = insecure.apply(registry) ? "http" : "https";
    HttpUrl base = HttpUrl.parse(scheme + "://" + registry + "/");
    if (base == null) {
      throw new IllegalArgumentException("Invalid registry '" + registry + "'");
    }
    return Objects.requireNonNull(base.resolve(path), path);
  }

  /**
   * Sends a request whose body can be sent again (none, or bytes in memory), with retries on
   * connection failures, 408, 429 and 5xx, as many as the retry settings allow.
   *
   * @throws RegistryException when every attempt failed to get a response
   */
  Response execute(Request request, Scope scope) {
    int attempt = 0;
    boolean serverFailure = false;
    while (true) {
      attempt++;
      Response response;
      try {
        response = send(request, scope, true);
      } catch (IOException e) {
        serverFailure = true;
        if (attempt >= attemptLimit(serverFailure)) {
          throw unreachable(request, attempt, e);
        }
        LOG.debug(
            "event=retry method={} url={} attempt={} failure={}",
            request.method(),
            request.url().encodedPath(),
            attempt,
            e.toString());
        pause(backoff(attempt, false));
        continue;
      }
      if (isRetryableStatus(response.code())) {
        serverFailure |= !isThrottling(response.code());
      }
      if (isRetryableStatus(response.code()) && attempt < attemptLimit(serverFailure)) {
        Duration delay = delayAfter(attempt, response);
        LOG.debug(
            "event=retry method={} url={} attempt={} status={} delayMs={}",
            request.method(),
            request.url().encodedPath(),
            attempt,
            response.code(),
            delay.toMillis());
        response.close();
        pause(delay);
        continue;
      }
      return response;
    }
  }

  /**
   * Returns how many attempts a call may send: {@link RetrySettings#maxServerFailureAttempts()}
   * once one of its attempts failed other than by throttling (a connection failure, 408 or 5xx),
   * else {@link RetrySettings#maxAttempts()}.
   */
  int attemptLimit(boolean serverFailure) {
    return serverFailure ? retry.maxServerFailureAttempts() : retry.maxAttempts();
  }

  /** Returns whether {@code code} is throttling (429), which may use every attempt. */
  static boolean isThrottling(int code) {
    return code == 429;
  }

  /**
   * Sends a request once, with authentication. After a 401, or ECR's 403 for an expired token, the
   * credentials are refreshed; a {@code replayable} request is then sent once more, and any other
   * request fails with {@link StaleCredentialsException} so that its caller can start over.
   */
  Response send(Request request, Scope scope, boolean replayable) throws IOException {
    for (int authAttempt = 1; ; authAttempt++) {
      Request.Builder builder = request.newBuilder();
      String authorization = authorization(scope);
      if (authorization != null) {
        builder.header("Authorization", authorization);
      }
      Response response = http.newCall(builder.build()).execute();
      boolean firstTry = authAttempt == 1;

      if (response.code() == 401 && firstTry) {
        String header = response.header("WWW-Authenticate");
        response.close();
        if (header != null) {
          challenges.put(scope.registry(), parseChallenge(header));
        }
        bearerTokens.remove(scope);
        if (!replayable) {
          throw new StaleCredentialsException(request, 401);
        }
        continue;
      }

      if (response.code() == 403 && firstTry && isTokenExpired(request, response, scope)) {
        response.close();
        LOG.debug("event=tokenExpired registry={}", scope.registry());
        invalidate(scope.registry());
        if (!replayable) {
          throw new StaleCredentialsException(request, 403);
        }
        continue;
      }
      return response;
    }
  }

  /**
   * Builds the exception for a failed response, with the OCI error code and message of its body.
   */
  RegistryException failure(Response response, String action) {
    String errorCode = "";
    String detail = "";
    try {
      String body = response.peekBody(MAX_ERROR_BODY).string();
      JsonNode errors = RegistryJson.read(body).get("errors");
      if (errors != null && errors.isArray() && errors.size() > 0) {
        JsonNode first = errors.get(0);
        errorCode = Objects.toString(RegistryJson.text(first, "code"), "");
        detail = Objects.toString(RegistryJson.text(first, "message"), "");
      } else if (!body.isBlank() && body.length() < 300) {
        detail = body.trim();
      }
    } catch (IOException | RuntimeException e) {
      // The body only adds detail to the message, and the status code still names the failure.
      detail = "";
    } finally {
      response.close();
    }
    String message =
        action
            + " failed: HTTP "
            + response.code()
            + (errorCode.isEmpty() ? "" : " " + errorCode)
            + (detail.isEmpty() ? "" : ": " + detail)
            + hint(response.code(), errorCode, detail);
    return new RegistryException(message, response.code(), errorCode, null);
  }

  /** Waits before the next attempt after {@code response}: Retry-After or the backoff. */
  Duration delayAfter(int attempt, Response response) {
    Duration backoff = backoff(attempt, response.code() == 429);
    String header = response.header("Retry-After");
    if (header == null) {
      return backoff;
    }
    Optional<Duration> requested = RetryAfter.parse(header, clock.instant());
    if (requested.isEmpty()) {
      return backoff;
    }
    Duration capped =
        requested.get().compareTo(retry.maxRetryAfter()) > 0
            ? retry.maxRetryAfter()
            : requested.get();
    return capped.compareTo(backoff) > 0 ? capped : backoff;
  }

  /** Returns the jittered exponential backoff before attempt {@code attempt + 1}. */
  Duration backoff(int attempt, boolean throttled) {
    Duration base = throttled ? retry.throttlingBaseDelay() : retry.baseDelay();
    long ceiling = base.toMillis() << Math.min(attempt - 1, 20);
    ceiling = Math.min(ceiling, retry.maxBackoff().toMillis());
    if (ceiling <= 0) {
      return Duration.ZERO;
    }
    // Half fixed, half random, so many clients that failed together do not retry together.
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  void pause(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("Interrupted while waiting to retry", 0, "", e);
    }
  }

  static boolean isRetryableStatus(int code) {
    return code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
  }

  static RegistryException unreachable(Request request, int attempts, IOException cause) {
    return new RegistryException(
        request.method()
            + " "
            + request.url().host()
            + ":"
            + request.url().port()
            + request.url().encodedPath()
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + cause
            + unreachableHint(request, cause),
        0,
        "",
        cause);
  }

  /** Returns the fix for a failed connection, which for a failed TLS handshake is --insecure. */
  private static String unreachableHint(Request request, IOException cause) {
    if (request.url().isHttps() && cause instanceof SSLException) {
      return "; the TLS handshake failed, so if the registry serves plain HTTP, add --insecure"
          + " (RegistryClient.Builder.insecure in Java); plain HTTP is allowed only on this"
          + " machine";
    }
    return "; check that the registry is reachable (use --insecure only for a plain-HTTP"
        + " registry on localhost)";
  }

  private @Nullable String authorization(Scope scope) throws IOException {
    RegistryAuth auth = authentication.apply(scope.registry());
    RegistryTokenProvider ecrTokens = auth.ecrTokens();
    if (ecrTokens != null) {
      return ecrToken(ecrTokens, auth, scope.registry());
    }
    // One ping per registry, even when parallel transfers start together.
    Challenge challenge;
    try {
      challenge =
          challenges.computeIfAbsent(
              scope.registry(),
              registry -> {
                try {
                  return ping(registry);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    switch (challenge.scheme()) {
      case BASIC:
        return auth.username() == null ? null : basic(auth);
      case BEARER:
        return "Bearer " + bearerToken(scope, challenge, auth);
      default:
        return null;
    }
  }

  private static String ecrToken(RegistryTokenProvider tokens, RegistryAuth auth, String registry) {
    String registryId = auth.ecrRegistryId();
    if (registryId != null) {
      return tokens.token(registryId).basicAuthorization();
    }
    return tokens.token(RegistryHost.parse(registry)).basicAuthorization();
  }

  private void invalidate(String registry) {
    RegistryAuth auth = authentication.apply(registry);
    RegistryTokenProvider ecrTokens = auth.ecrTokens();
    if (ecrTokens != null) {
      String registryId = auth.ecrRegistryId();
      ecrTokens.invalidate(
          registryId != null
              ? registryId
              : Objects.requireNonNull(RegistryHost.parse(registry).registryId()));
    }
    bearerTokens.keySet().removeIf(scope -> scope.registry().equals(registry));
  }

  /** Asks {@code GET /v2/} without credentials which authentication the registry wants. */
  private Challenge ping(String registry) throws IOException {
    Request request = new Request.Builder().url(url(registry, "/v2/")).get().build();
    try (Response response = http.newCall(request).execute()) {
      String header = response.header("WWW-Authenticate");
      if (response.code() == 401 && header != null) {
        return parseChallenge(header);
      }
      return new Challenge(Scheme.NONE, Map.of());
    }
  }

  private static Challenge parseChallenge(String header) {
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new ConcurrentHashMap<>();
    Matcher matcher = CHALLENGE_PARAMETER.matcher(trimmed);
    while (matcher.find()) {
      parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
    }
    if (scheme.equals("bearer")) {
      return new Challenge(Scheme.BEARER, Map.copyOf(parameters));
    }
    return new Challenge(Scheme.BASIC, Map.copyOf(parameters));
  }

  private String bearerToken(Scope scope, Challenge challenge, RegistryAuth auth)
      throws IOException {
    BearerToken cached = bearerTokens.get(scope);
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached.value();
    }
    String realm = challenge.parameters().get("realm");
    HttpUrl realmUrl = realm == null ? null : HttpUrl.parse(realm);
    if (realmUrl == null) {
      throw new RegistryException(
          "The registry "
              + scope.registry()
              + " asked for a Bearer token without a valid realm URL ('"
              + realm
              + "')",
          401,
          "UNAUTHORIZED",
          null);
    }
    // A token service over plain HTTP would expose the credentials, unless it runs on this machine.
    if (!realmUrl.isHttps() && !isLoopbackHost(realmUrl.host())) {
      throw new RegistryException(
          "The token service "
              + realmUrl.host()
              + " of "
              + scope.registry()
              + " is not HTTPS; refusing to send credentials",
          401,
          "UNAUTHORIZED",
          null);
    }
    HttpUrl.Builder tokenUrl = realmUrl.newBuilder();
    String service = challenge.parameters().get("service");
    if (service != null) {
      tokenUrl.addQueryParameter("service", service);
    }
    tokenUrl.addQueryParameter("scope", scope.tokenScope());
    Request.Builder request = new Request.Builder().url(tokenUrl.build()).get();
    if (auth.username() != null) {
      request.header("Authorization", basic(auth));
    }
    try (Response response = http.newCall(request.build()).execute()) {
      if (!response.isSuccessful()) {
        throw failure(
            response,
            "Requesting a Bearer token for " + scope.tokenScope() + " from " + realmUrl.host());
      }
      JsonNode body = RegistryJson.read(response.peekBody(MAX_ERROR_BODY).string());
      String token = RegistryJson.text(body, "token");
      if (token == null) {
        token = RegistryJson.text(body, "access_token");
      }
      if (token == null) {
        throw new RegistryException(
            "The token service " + realmUrl.host() + " returned no token",
            401,
            "UNAUTHORIZED",
            null);
      }
      JsonNode expiresIn = body.get("expires_in");
      Duration lifetime =
          expiresIn != null && expiresIn.isIntegralNumber()
              ? Duration.ofSeconds(expiresIn.asLong())
              : DEFAULT_TOKEN_LIFETIME;
      Instant expiresAt = now.plus(lifetime).minus(TOKEN_EXPIRY_MARGIN);
      bearerTokens.put(scope, new BearerToken(token, expiresAt));
      return token;
    }
  }

  private static String basic(RegistryAuth auth) {
    String pair = auth.username() + ":" + auth.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns whether a 403 means an expired token. ECR's message states it, except on HEAD, whose
   * response has no body, so there any 403 with ECR tokens counts as expiry.
   */
  private boolean isTokenExpired(Request request, Response response, Scope scope) {
    if (request.method().equals("HEAD")) {
      return authentication.apply(scope.registry()).ecrTokens() != null;
    }
    try {
      return TokenExpiredException.isExpiryMessage(response.peekBody(MAX_ERROR_BODY).string());
    } catch (IOException e) {
      return false;
    }
  }

  static boolean isLoopbackHost(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("[::1]");
  }

  private static String hint(int status, String errorCode, String detail) {
    if (status == 401) {
      return "; check the credentials (for ECR, use a token from GetAuthorizationToken with user AWS,"
          + " not IAM keys)";
    }
    if (errorCode.equals("NAME_UNKNOWN")) {
      return "; create the repository first";
    }
    if (status == 403 && detail.contains("expired")) {
      return "; get a new token (for ECR, from GetAuthorizationToken or aws ecr get-login-password)";
    }
    if (status == 403 && detail.isEmpty()) {
      // A HEAD response has no body, so ECR's expired-token text cannot tell the two causes apart.
      return "; the credentials lack permission for this repository, or the token has expired (for"
          + " ECR, get a new one from GetAuthorizationToken or aws ecr get-login-password)";
    }
    if (status == 403) {
      return "; the credentials lack permission for this repository";
    }
    return "";
  }

  /**
   * Thrown when the registry rejected the credentials of a request that cannot be replayed. The
   * credentials were refreshed, so the caller can start its upload again.
   */
  static final class StaleCredentialsException extends RegistryException {
    private static final long serialVersionUID = 1L;

    StaleCredentialsException(Request request, int status) {
      super(
          request.method()
              + " "
              + request.url().encodedPath()
              + " was rejected with HTTP "
              + status
              + " and stale credentials",
          status,
          status == 401 ? "UNAUTHORIZED" : "DENIED",
          null);
    }
  }
}
