package dev.ecr4j.core;

import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.core.auth.RegistryTokenProvider;
import dev.ecr4j.core.internal.AwsJsonTransport;
import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.core.internal.Events;
import dev.ecr4j.core.retry.CircuitBreakerSettings;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.core.retry.ResilienceListener;
import dev.ecr4j.core.retry.RetrySettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import tools.jackson.databind.JsonNode;

/**
 * Entry point for Amazon ECR Public (the registry behind {@code public.ecr.aws}): one client per
 * identity, with typed operations on public repositories, their catalog data, policies, tags and
 * images, on the registry's catalog data, and ECR Public authorization tokens.
 *
 * <pre>{@code
 * try (Ecr4jPublicClient gallery = Ecr4jPublicClient.builder()
 *     .credentialsProvider(DefaultCredentialsProvider.builder().build())
 *     .build()) {
 *   gallery.repositories().create("tools/cli",
 *       PublicCatalogDataInput.builder().description("A command line").build(),
 *       Map.of("team", "core"));
 * }
 * }</pre>
 *
 * <p>ECR Public's API is served in {@code us-east-1}, at {@code
 * https://api.ecr-public.us-east-1.amazonaws.com}, and signed with SigV4 for the service {@code
 * ecr-public}. ecr4j implements its awsJson 1.1 protocol itself, because the AWS SDK's {@code
 * ecrpublic} module is not a dependency (docs/client.md explains why).
 *
 * <p>Every call goes through the same layers as {@link Ecr4jClient}'s, outermost first: a rate
 * limiter per (identity, API) that defaults to ECR Public's published quotas; a circuit breaker for
 * the endpoint that counts only 5xx, throttling and connection failures; and the AWS SDK's standard
 * retry strategy, built from the same {@link RetrySettings}, with the same attempt limits, backoff,
 * {@code Retry-After} handling and deadline. Failures are thrown as the same exceptions.
 *
 * <p>Thread-safe. {@link #close()} closes the HTTP client.
 */
public final class Ecr4jPublicClient implements AutoCloseable {

  /** The only region whose endpoint ECR Public's SDKs use by default. */
  public static final Region DEFAULT_REGION = Region.US_EAST_1;

  private static final String TARGET_PREFIX = "SpencerFrontendService";
  private static final String SIGNING_NAME = "ecr-public";
  private static final String SERVICE_NAME = "ECR PUBLIC";

  // The token cache's key for the one registry that ECR Public tokens are for.
  private static final String PUBLIC_REGISTRY_HOST = "public.ecr.aws";

  // ECR Public's published quotas, in requests per second (Amazon ECR Public user guide, "Amazon
  // ECR Public service quotas"). The other control-plane APIs have no published rate.
  private static final RateLimitSettings PUBLIC_QUOTAS =
      RateLimitSettings.builder()
          .rate("BatchCheckLayerAvailability", 200)
          .rate("CompleteLayerUpload", 10)
          .rate("GetAuthorizationToken", 200)
          .rate("InitiateLayerUpload", 200)
          .build();

  private final AwsJsonTransport transport;
  private final String region;
  private final URI endpoint;
  private final PublicCalls publicCalls;
  private final RegistryTokenProvider tokens;
  private final PublicRepositories repositories;
  private final PublicPolicies policies;
  private final PublicRegistries registries;
  private final PublicImages images;

  private Ecr4jPublicClient(Builder builder) {
    AwsCredentialsProvider credentials =
        Objects.requireNonNull(builder.credentialsProvider, "credentialsProvider");
    this.region = builder.region.id();
    this.endpoint =
        builder.endpointOverride != null
            ? builder.endpointOverride
            : URI.create("https://api.ecr-public." + region + ".amazonaws.com");
    Events events = new Events(builder.listener);

    // The limiters are keyed by identity and region, so the prefix keeps ECR Public's quotas apart
    // from those of the private registry in the same region.
    String identity = "ecr-public:" + fingerprint(credentials);
    EcrCalls calls =
        new EcrCalls(
            identity,
            region,
            endpoint.toString(),
            builder.retrySettings,
            builder.rateLimitSettings,
            builder.circuitBreakerSettings,
            events,
            builder.clock);
    SdkHttpClient http =
        ApacheHttpClient.builder()
            .connectionTimeout(builder.httpSettings.connectTimeout())
            .socketTimeout(builder.httpSettings.socketTimeout())
            .maxConnections(builder.httpSettings.maxConnections())
            .build();
    this.transport =
        new AwsJsonTransport(
            http,
            true,
            endpoint,
            TARGET_PREFIX,
            SERVICE_NAME,
            SIGNING_NAME,
            region,
            credentials,
            calls.sdkRetryStrategy(),
            builder.clock);
    this.publicCalls = new PublicCalls(calls, transport, builder.retrySettings.deadline());

    this.tokens =
        RegistryTokenProvider.builder()
            .region(region)
            .identity(identity)
            .clock(builder.clock)
            .listener(builder.listener)
            .source(registry -> fetchToken())
            .build();
    this.repositories = new PublicRepositories(publicCalls);
    this.policies = new PublicPolicies(publicCalls);
    this.registries = new PublicRegistries(publicCalls);
    this.images = new PublicImages(publicCalls);
  }

  /** Returns a builder. Credentials are required, and the region defaults to us-east-1. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the operations on public repositories: create, describe, list, catalog data, tags. */
  public PublicRepositories repositories() {
    return repositories;
  }

  /** Returns the operations on the permission policies of public repositories. */
  public PublicPolicies policies() {
    return policies;
  }

  /** Returns the operations on images of public repositories: list, tags, put and delete. */
  public PublicImages images() {
    return images;
  }

  /** Returns the operations on the caller's public registry: details and display name. */
  public PublicRegistries registries() {
    return registries;
  }

  /**
   * Returns a token for pushing to {@code public.ecr.aws} (user {@code AWS}), or for pulling with a
   * higher rate than anonymous pulls get. The token is cached and refreshed as {@link
   * RegistryTokenProvider} describes: reused until half of its 12 hours have passed, one refresh at
   * a time, and the cached token returned when a refresh fails before it expires. Its {@code
   * toString()} never shows the password.
   *
   * <p>ECR Public's {@code GetAuthorizationToken} needs the IAM permissions {@code
   * ecr-public:GetAuthorizationToken} and {@code sts:GetServiceBearerToken}.
   *
   * @throws Ecr4jException when no token could be fetched and no unexpired one is cached
   */
  public AuthorizationToken authorizationToken() {
    return tokens.token(PUBLIC_REGISTRY_HOST);
  }

  /** Returns the region whose endpoint this client calls, {@code us-east-1} unless set. */
  public String region() {
    return region;
  }

  /** Returns the endpoint this client calls. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    transport.close();
  }

  private AuthorizationToken fetchToken() {
    JsonNode data =
        publicCalls.call("GetAuthorizationToken", PublicCalls.request()).path("authorizationData");
    String token = PublicCalls.text(data, "authorizationToken");
    if (token.isEmpty()) {
      throw new Ecr4jException("ECR Public's GetAuthorizationToken returned no authorization data");
    }
    return AuthorizationToken.decode(
        token, PublicCalls.instant(data, "expiresAt"), "https://" + PUBLIC_REGISTRY_HOST);
  }

  /** Returns a fingerprint of the access key id, never the key itself. */
  private static String fingerprint(AwsCredentialsProvider credentials) {
    String accessKeyId = credentials.resolveCredentials().accessKeyId();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(accessKeyId.getBytes(StandardCharsets.UTF_8));
      return "key-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Builder of an {@link Ecr4jPublicClient}. Setters validate their values. */
  public static final class Builder {
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private Region region = DEFAULT_REGION;
    private @Nullable URI endpointOverride;
    private HttpSettings httpSettings = HttpSettings.defaults();
    private RetrySettings retrySettings = RetrySettings.defaults();
    private RateLimitSettings rateLimitSettings = PUBLIC_QUOTAS;
    private CircuitBreakerSettings circuitBreakerSettings = CircuitBreakerSettings.defaults();
    private ResilienceListener listener = ResilienceListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the credentials provider (required). */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
      return this;
    }

    /**
     * Sets the region of the endpoint and of the signature. The default is {@code us-east-1}, where
     * ECR Public's API and its registries live. Change it only for an endpoint in another region
     * that AWS lists for ECR Public.
     */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Sets the endpoint, such as an emulator's {@code http://127.0.0.1:PORT}. The signature still
     * names the region and the service {@code ecr-public}.
     */
    public Builder endpointOverride(URI endpointOverride) {
      Objects.requireNonNull(endpointOverride, "endpointOverride");
      if (endpointOverride.getScheme() == null || endpointOverride.getHost() == null) {
        throw new IllegalArgumentException(
            "endpointOverride must be an absolute URI such as http://127.0.0.1:5000, but was "
                + endpointOverride);
      }
      this.endpointOverride = endpointOverride;
      return this;
    }

    /** Sets the HTTP client settings. */
    public Builder httpSettings(HttpSettings httpSettings) {
      this.httpSettings = Objects.requireNonNull(httpSettings, "httpSettings");
      return this;
    }

    /** Sets the retry settings of single calls, the same settings as {@link Ecr4jClient}'s. */
    public Builder retrySettings(RetrySettings retrySettings) {
      this.retrySettings = Objects.requireNonNull(retrySettings, "retrySettings");
      return this;
    }

    /**
     * Sets the rate limits. The default is ECR Public's published quotas: GetAuthorizationToken,
     * BatchCheckLayerAvailability and InitiateLayerUpload 200 per second, and CompleteLayerUpload
     * 10 per second. The other APIs are not limited.
     */
    public Builder rateLimitSettings(RateLimitSettings rateLimitSettings) {
      this.rateLimitSettings = Objects.requireNonNull(rateLimitSettings, "rateLimitSettings");
      return this;
    }

    /** Sets the circuit breaker settings. */
    public Builder circuitBreakerSettings(CircuitBreakerSettings circuitBreakerSettings) {
      this.circuitBreakerSettings =
          Objects.requireNonNull(circuitBreakerSettings, "circuitBreakerSettings");
      return this;
    }

    /** Sets the listener of retry, circuit breaker and token events. */
    public Builder listener(ResilienceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the clock of signatures, token expiry and {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when no credentials provider is set
     */
    public Ecr4jPublicClient build() {
      if (credentialsProvider == null) {
        throw new IllegalStateException(
            "credentialsProvider is required, such as DefaultCredentialsProvider.builder().build()");
      }
      return new Ecr4jPublicClient(this);
    }
  }
}
