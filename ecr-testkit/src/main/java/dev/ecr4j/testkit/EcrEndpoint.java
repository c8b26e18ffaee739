package dev.ecr4j.testkit;

import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The address of a test backend and the credentials to sign requests with: the control-plane
 * endpoint, the host of repository URIs, the region, and the credentials with their account. {@link
 * #toString()} leaves the secret key out.
 *
 * <pre>{@code
 * EcrClient ecr = EcrClient.builder()
 *     .endpointOverride(endpoint.endpoint())
 *     .region(endpoint.sdkRegion())
 *     .credentialsProvider(endpoint.credentialsProvider())
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EcrEndpoint {

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,25}");

  private final URI endpoint;
  private final String registryHost;
  private final String region;
  private final EmulatorCredentials credentials;

  private EcrEndpoint(
      URI endpoint, String registryHost, String region, EmulatorCredentials credentials) {
    this.endpoint = endpoint;
    this.registryHost = registryHost;
    this.region = region;
    this.credentials = credentials;
  }

  /**
   * Creates an endpoint.
   *
   * @param endpoint the control-plane endpoint, such as {@code http://127.0.0.1:41234}
   * @param registryHost the {@code HOST:PORT} that repository URIs start with
   * @param region the region that clients sign requests for, such as {@code us-east-1}
   * @param credentials the access key, secret key and account of the caller
   * @throws IllegalArgumentException when the endpoint is not an absolute http or https URI, the
   *     registry host is empty or contains {@code /}, or the region is not a region name
   */
  public static EcrEndpoint of(
      URI endpoint, String registryHost, String region, EmulatorCredentials credentials) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(registryHost, "registryHost");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    String scheme = endpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "Invalid endpoint '" + endpoint + "': expected an http or https URI.");
    }
    if (registryHost.isEmpty() || registryHost.contains("/")) {
      throw new IllegalArgumentException(
          "Invalid registry host '" + registryHost + "': expected HOST:PORT without a path.");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "Invalid region '" + region + "': expected a region name such as us-east-1.");
    }
    return new EcrEndpoint(endpoint, registryHost, region, credentials);
  }

  /** Returns the control-plane endpoint, for {@code endpointOverride}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Returns the {@code HOST:PORT} that repository URIs start with. */
  public String registryHost() {
    return registryHost;
  }

  /** Returns the region name, such as {@code us-east-1}. */
  public String region() {
    return region;
  }

  /** Returns the region as the SDK's type. */
  public Region sdkRegion() {
    return Region.of(region);
  }

  /** Returns the twelve-digit account id that requests act as. */
  public String accountId() {
    return credentials.accountId();
  }

  /** Returns the access key, secret key and account. */
  public EmulatorCredentials credentials() {
    return credentials;
  }

  /** Returns a provider of the static credentials, for an SDK client builder. */
  public AwsCredentialsProvider credentialsProvider() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
  }

  /**
   * Returns a copy for another region of the same backend, for example to read a replication
   * destination.
   *
   * @throws IllegalArgumentException when {@code otherRegion} is not a region name
   */
  public EcrEndpoint withRegion(String otherRegion) {
    return of(endpoint, registryHost, otherRegion, credentials);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EcrEndpoint that
        && endpoint.equals(that.endpoint)
        && registryHost.equals(that.registryHost)
        && region.equals(that.region)
        && credentials.equals(that.credentials);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, registryHost, region, credentials);
  }

  /** Returns the endpoint, region and access key, without the secret key. */
  @Override
  public String toString() {
    return "EcrEndpoint[endpoint="
        + endpoint
        + ", registryHost="
        + registryHost
        + ", region="
        + region
        + ", accessKeyId="
        + credentials.accessKeyId()
        + ", accountId="
        + credentials.accountId()
        + "]";
  }
}
