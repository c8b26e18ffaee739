package dev.ecr4j.core;

import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.core.auth.RegistryHost;
import dev.ecr4j.core.auth.RegistryTokenProvider;
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
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * Entry point of ecr4j: one client per account and region, with typed operations on repositories,
 * images, lifecycle policies, permission policies, replication, scanning, repository creation
 * templates, pull through cache rules and account settings, and registry authorization tokens.
 *
 * <pre>{@code
 * try (Ecr4jClient ecr = Ecr4jClient.builder()
 *     .credentialsProvider(DefaultCredentialsProvider.builder().build())
 *     .region(Region.EU_WEST_1)
 *     .build()) {
 *   ecr.repositories().create("team/app", RepositorySettings.defaults());
 * }
 * }</pre>
 *
 * <p>Every call goes through, outermost first: a rate limiter per (account, region, API) that
 * defaults to ECR's quotas; a circuit breaker for the endpoint that counts only 5xx, throttling and
 * connection failures; and the SDK's standard retries, which honour {@code Retry-After} and never
 * exceed {@link RetrySettings#maxAttempts()} attempts (or {@link
 * RetrySettings#maxServerFailureAttempts()} once an attempt fails other than by throttling), all
 * within the call's deadline. See {@link RetrySettings}, {@link RateLimitSettings} and {@link
 * CircuitBreakerSettings} for the defaults.
 *
 * <p>Thread-safe. {@link #close()} closes the SDK client this client created, never one passed to
 * {@link Builder#ecrClient(EcrClient)}.
 */
public final class Ecr4jClient implements AutoCloseable {

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private final EcrClient ecr;
  private final boolean ownsClient;
  private final String region;
  private final @Nullable String accountId;
  private final EcrCalls calls;
  private final RegistryTokenProvider tokens;
  private final Repositories repositories;
  private final Images images;
  private final LifecyclePolicies lifecycle;
  private final Policies policies;
  private final Replication replication;
  private final Scanning scanning;
  private final CreationTemplates creationTemplates;
  private final PullThroughCache pullThroughCache;
  private final AccountSettings accountSettings;

  private Ecr4jClient(Builder builder) {
    Region sdkRegion = Objects.requireNonNull(builder.region, "region");
    this.region = sdkRegion.id();
    this.accountId = builder.accountId;
    Events events = new Events(builder.listener);

    String identity = identity(builder);
    String endpoint =
        builder.endpointOverride != null
            ? builder.endpointOverride.toString()
            : "https://api.ecr." + region + ".amazonaws.com";
    this.calls =
        new EcrCalls(
            identity,
            region,
            endpoint,
            builder.retrySettings,
            builder.rateLimitSettings,
            builder.circuitBreakerSettings,
            events,
            builder.clock);

    if (builder.ecrClient != null) {
      this.ecr = builder.ecrClient;
      this.ownsClient = false;
    } else {
      this.ecr = createSdkClient(builder, calls);
      this.ownsClient = true;
    }

    this.tokens =
        RegistryTokenProvider.builder()
            .partition(sdkRegion.metadata() == null ? "aws" : sdkRegion.metadata().partition().id())
            .region(region)
            .identity(identity)
            .clock(builder.clock)
            .listener(builder.listener)
            .source(this::fetchToken)
            .build();
    this.repositories = new Repositories(ecr, calls, accountId);
    this.images = new Images(ecr, calls, accountId);
    this.lifecycle = new LifecyclePolicies(ecr, calls, accountId, images);
    this.policies = new Policies(ecr, calls, accountId);
    this.replication = new Replication(ecr, calls, accountId);
    this.scanning = new Scanning(ecr, calls, accountId);
    this.creationTemplates = new CreationTemplates(ecr, calls);
    this.pullThroughCache = new PullThroughCache(ecr, calls, accountId);
    this.accountSettings = new AccountSettings(ecr, calls);
  }

  /** Returns a builder; a region is required, and credentials unless an SDK client is given. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the operations on repositories: create, describe, list, delete and settings. */
  public Repositories repositories() {
    return repositories;
  }

  /** Returns the operations on images: list, describe, manifests, put, retag, delete, archive. */
  public Images images() {
    return images;
  }

  /** Returns the operations on lifecycle policies, with server-side and local previews. */
  public LifecyclePolicies lifecycle() {
    return lifecycle;
  }

  /** Returns the operations on repository and registry permission policies. */
  public Policies policies() {
    return policies;
  }

  /** Returns the operations on the registry's replication configuration. */
  public Replication replication() {
    return replication;
  }

  /** Returns the operations on image scanning: configuration, scans and findings. */
  public Scanning scanning() {
    return scanning;
  }

  /** Returns the operations on repository creation templates. */
  public CreationTemplates creationTemplates() {
    return creationTemplates;
  }

  /** Returns the operations on pull through cache rules. */
  public PullThroughCache pullThroughCache() {
    return pullThroughCache;
  }

  /** Returns the operations on the registry's account settings. */
  public AccountSettings accountSettings() {
    return accountSettings;
  }

  // ECR Public (public.ecr.aws) is another service, with its own endpoint, signing name and
  // quotas, so its operations are on Ecr4jPublicClient rather than here.

  /** Returns the provider of registry credentials for this client's region. */
  public RegistryTokenProvider authorization() {
    return tokens;
  }

  /** Returns the account id set with {@link Builder#accountId(String)}, if any. */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /** Returns the region of this client, such as {@code eu-west-1}. */
  public String region() {
    return region;
  }

  /** Returns the underlying SDK client, for operations ecr4j does not wrap. */
  public EcrClient sdkClient() {
    return ecr;
  }

  @Override
  public void close() {
    if (ownsClient) {
      ecr.close();
    }
  }

  private AuthorizationToken fetchToken(String registryId) {
    GetAuthorizationTokenResponse response =
        calls.call(
            "GetAuthorizationToken",
            override ->
                ecr.getAuthorizationToken(
                    request ->
                        request
                            // The deprecated registryIds parameter still selects the
                            // proxyEndpoint of the registry the token is for.
                            .registryIds(registryId)
                            .overrideConfiguration(override)));
    if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
      throw new Ecr4jException(
          "GetAuthorizationToken returned no authorization data for registry " + registryId);
    }
    AuthorizationData data = response.authorizationData().get(0);
    String proxyEndpoint =
        data.proxyEndpoint() != null
            ? data.proxyEndpoint()
            : "https://" + RegistryHost.of(registryId, region).host();
    return AuthorizationToken.decode(data.authorizationToken(), data.expiresAt(), proxyEndpoint);
  }

  private static EcrClient createSdkClient(Builder builder, EcrCalls calls) {
    var sdk =
        EcrClient.builder()
            .region(builder.region)
            .credentialsProvider(builder.credentialsProvider)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(builder.httpSettings.connectTimeout())
                    .socketTimeout(builder.httpSettings.socketTimeout())
                    .maxConnections(builder.httpSettings.maxConnections()))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(calls.sdkRetryStrategy())
                    .apiCallTimeout(builder.retrySettings.deadline())
                    .addExecutionInterceptor(EcrCalls.attemptCounter())
                    .build());
    if (builder.endpointOverride != null) {
      sdk.endpointOverride(builder.endpointOverride);
    }
    return sdk.build();
  }

  /** Returns the account id, or a fingerprint of the access key id; never the key itself. */
  private static String identity(Builder builder) {
    if (builder.accountId != null) {
      return builder.accountId;
    }
    if (builder.credentialsProvider == null) {
      return "sdk-client-" + Integer.toHexString(System.identityHashCode(builder.ecrClient));
    }
    String accessKeyId = builder.credentialsProvider.resolveCredentials().accessKeyId();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(accessKeyId.getBytes(StandardCharsets.UTF_8));
      return "key-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Builds an {@link Ecr4jClient}; setters validate their values, {@link #build()} the mix. */
  public static final class Builder {
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private @Nullable Region region;
    private @Nullable URI endpointOverride;
    private @Nullable String accountId;
    private @Nullable EcrClient ecrClient;
    private HttpSettings httpSettings = HttpSettings.defaults();
    private RetrySettings retrySettings = RetrySettings.defaults();
    private RateLimitSettings rateLimitSettings = RateLimitSettings.defaults();
    private CircuitBreakerSettings circuitBreakerSettings = CircuitBreakerSettings.defaults();
    private ResilienceListener listener = ResilienceListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets where the SDK client gets credentials. */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
      return this;
    }

    /** Sets the region. */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Sets the endpoint, such as an emulator, LocalStack or a VPC endpoint ({@code
     * https://vpce-....api.ecr.eu-west-1.vpce.amazonaws.com}).
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

    /**
     * Sets the 12-digit account id of the registry. Calls then name it as {@code registryId}, and
     * it keys the rate limiters; without it the credentials' key does.
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT_ID.matcher(accountId).matches()) {
        throw new IllegalArgumentException(
            "accountId must be 12 digits, such as 123456789012, but was '" + accountId + "'");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Wraps an SDK client the caller already has, instead of creating one. Its own retry and HTTP
     * settings then apply: the retry settings here only bound the deadline, while the rate limiters
     * and circuit breaker still apply. The caller keeps ownership and closes it.
     */
    public Builder ecrClient(EcrClient ecrClient) {
      this.ecrClient = Objects.requireNonNull(ecrClient, "ecrClient");
      return this;
    }

    /** Sets the HTTP client settings. */
    public Builder httpSettings(HttpSettings httpSettings) {
      this.httpSettings = Objects.requireNonNull(httpSettings, "httpSettings");
      return this;
    }

    /** Sets the retry settings of single calls. */
    public Builder retrySettings(RetrySettings retrySettings) {
      this.retrySettings = Objects.requireNonNull(retrySettings, "retrySettings");
      return this;
    }

    /** Sets the rate limits; ECR's default quotas unless set. */
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

    /**
     * Sets the clock of token expiry and {@code Retry-After} dates; the system clock by default.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when the region is missing, when neither credentials nor an SDK
     *     client are set, or when an SDK client is combined with credentials, an endpoint or HTTP
     *     settings, which only apply to a client ecr4j creates
     */
    public Ecr4jClient build() {
      if (region == null) {
        throw new IllegalStateException("region is required, such as Region.EU_WEST_1");
      }
      if (ecrClient == null && credentialsProvider == null) {
        throw new IllegalStateException(
            "credentialsProvider is required unless an existing EcrClient is wrapped with"
                + " ecrClient(...)");
      }
      if (ecrClient != null
          && (credentialsProvider != null
              || endpointOverride != null
              || httpSettings != HttpSettings.defaults())) {
        throw new IllegalStateException(
            "credentialsProvider, endpointOverride and httpSettings configure the SDK client"
                + " ecr4j creates; configure the wrapped EcrClient instead");
      }
      return new Ecr4jClient(this);
    }
  }
}
