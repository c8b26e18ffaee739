package dev.ecr4j.testkit.localstack;

import dev.ecr4j.testkit.EcrControls;
import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.TestBackend;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A test backend on LocalStack, started in Docker through Testcontainers.
 *
 * <p>Requirements: Testcontainers' LocalStack module on the test class path ({@code
 * org.testcontainers:testcontainers-localstack}, an optional dependency of the testkit), a Docker
 * engine, and a LocalStack auth token in the environment variable {@code LOCALSTACK_AUTH_TOKEN},
 * because LocalStack serves ECR only in its paid tiers. {@link #unavailableReason()} names what is
 * missing; the JUnit extension skips LocalStack tests with that reason.
 *
 * <p>Defaults: the image {@value #DEFAULT_IMAGE}, region {@code us-east-1}, and LocalStack's
 * default credentials ({@code test}/{@code test}, account 000000000000). The container runs with
 * {@code SERVICES=ecr} and {@code ECR_ENDPOINT_STRATEGY=off}, so repository URIs name the registry
 * port {@value #REGISTRY_PORT}; {@link #clientRepositoryUri(String)} rewrites them to the port that
 * Docker mapped on this machine. The token is passed to the container and never logged.
 *
 * <p>Differences from the embedded backend: no controllable clock, no {@link EcrEmulator}, and
 * LocalStack's own coverage of ECR (for example no DescribeImageReplicationStatus, no pull through
 * cache or creation templates). {@link EcrControls#reset()} posts to LocalStack's state reset
 * endpoint.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class LocalStackBackend implements TestBackend {

  /**
   * The pinned LocalStack image. ECR is in LocalStack's paid tiers, which the Pro image serves with
   * an auth token; 4.14.0 predates the single image that LocalStack publishes since March 2026.
   */
  public static final String DEFAULT_IMAGE = "localstack/localstack-pro:4.14.0";

  /** The environment variable that contains the LocalStack auth token. */
  public static final String AUTH_TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";

  /**
   * The port of LocalStack's ECR registry with {@code ECR_ENDPOINT_STRATEGY=off}: the first port of
   * its range for external services, 4510 to 4559.
   */
  static final int REGISTRY_PORT = 4510;

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,25}");

  private static final EmulatorCredentials LOCALSTACK_CREDENTIALS =
      new EmulatorCredentials("test", "test", "000000000000");

  private final LocalStackContainerHandle container;
  private final String region;
  private final Controls controls = new Controls();

  private LocalStackBackend(LocalStackContainerHandle container, String region) {
    this.container = container;
    this.region = region;
  }

  /**
   * Returns why the LocalStack backend cannot run here, or empty when it can: no auth token, no
   * Testcontainers on the class path, or no Docker engine. The Docker check runs once per JVM.
   */
  public static Optional<String> unavailableReason() {
    return unavailableReason(System::getenv);
  }

  /** Returns why the backend cannot run, reading environment variables from {@code environment}. */
  static Optional<String> unavailableReason(Function<String, @Nullable String> environment) {
    String token = environment.apply(AUTH_TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      return Optional.of(
          AUTH_TOKEN_VARIABLE
              + " is not set: LocalStack serves ECR only in its paid tiers, with an auth token."
              + " Set the variable to run the LocalStack backend.");
    }
    if (!testcontainersPresent()) {
      return Optional.of(
          "Testcontainers is not on the class path: add"
              + " org.testcontainers:testcontainers-localstack to the test dependencies to run the"
              + " LocalStack backend.");
    }
    return DockerAvailability.unavailableReason();
  }

  /** Starts a backend with the defaults. */
  public static LocalStackBackend start() {
    return builder().start();
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "localstack";
  }

  @Override
  public EcrEndpoint endpoint() {
    return EcrEndpoint.of(
        container.endpoint(), container.registryHost(), region, LOCALSTACK_CREDENTIALS);
  }

  @Override
  public String repositoryUri(String repositoryName) {
    return container.registryHost() + "/" + repositoryName;
  }

  /**
   * Rewrites the {@code HOST:PORT} of a repository URI that LocalStack returned ({@code
   * localhost.localstack.cloud:4510/NAME}) to the host and port that Docker mapped here.
   *
   * @throws IllegalArgumentException when the URI does not name the registry port 4510
   */
  @Override
  public String clientRepositoryUri(String repositoryUri) {
    return rewriteRepositoryUri(repositoryUri, container.registryHost());
  }

  /** Replaces the {@code HOST:4510} of {@code repositoryUri} with {@code registryHost}. */
  static String rewriteRepositoryUri(String repositoryUri, String registryHost) {
    int slash = repositoryUri.indexOf('/');
    int colon = slash < 0 ? -1 : repositoryUri.lastIndexOf(':', slash);
    if (colon < 0) {
      throw new IllegalArgumentException(
          "Invalid repository URI '" + repositoryUri + "': expected HOST:PORT/NAME.");
    }
    String port = repositoryUri.substring(colon + 1, slash);
    if (!port.equals(String.valueOf(REGISTRY_PORT))) {
      // With the default ECR_ENDPOINT_STRATEGY=domain, the URI names the edge port, and LocalStack
      // routes registry requests by the host name, which a rewritten URI would lose.
      throw new IllegalArgumentException(
          "Repository URI '"
              + repositoryUri
              + "' names port "
              + port
              + ", expected LocalStack's registry port "
              + REGISTRY_PORT
              + ": the container must run with ECR_ENDPOINT_STRATEGY=off.");
    }
    return registryHost + repositoryUri.substring(slash);
  }

  @Override
  public EcrControls controls() {
    return controls;
  }

  /** Stops and removes the container. */
  @Override
  public void close() {
    container.close();
  }

  @Override
  public String toString() {
    return "LocalStackBackend[image=" + container.image() + ", endpoint=" + endpoint() + "]";
  }

  /** Posts to LocalStack's state reset endpoint, which drops every service's state. */
  private void resetState() {
    URI reset = container.endpoint().resolve("/_localstack/state/reset");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(reset)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "Failed to reset LocalStack: POST "
                + reset
                + " returned HTTP "
                + response.statusCode()
                + ". Use a fresh backend per test (an instance field) instead.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to reset LocalStack: POST " + reset + " failed.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while resetting LocalStack.", e);
    }
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName(
          "org.testcontainers.localstack.LocalStackContainer",
          false,
          LocalStackBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private final class Controls implements EcrControls {

    @Override
    public String backendName() {
      return name();
    }

    @Override
    public boolean supports(Capability capability) {
      return capability == Capability.RESET;
    }

    /** Returns the system time, which LocalStack uses too. */
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void advanceClock(Duration amount) {
      throw new UnsupportedOperationException(
          "The LocalStack backend has no controllable clock; check"
              + " controls.supports(Capability.CLOCK) first, or use the embedded backend.");
    }

    @Override
    public void reset() {
      resetState();
    }

    @Override
    public Optional<EcrEmulator> emulator() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "EcrControls[localstack]";
    }
  }

  /** Options of a LocalStack backend. Each setter checks its value at once. */
  public static final class Builder {
    private String image = DEFAULT_IMAGE;
    private String region = "us-east-1";

    private Builder() {}

    /**
     * Sets the LocalStack image, such as {@code localstack/localstack-pro:4.14.0}. Default: {@value
     * LocalStackBackend#DEFAULT_IMAGE}.
     *
     * @throws IllegalArgumentException when {@code image} has no tag
     */
    public Builder image(String image) {
      Objects.requireNonNull(image, "image");
      int slash = image.lastIndexOf('/');
      if (image.indexOf(':', slash + 1) < 0) {
        throw new IllegalArgumentException(
            "Invalid LocalStack image '"
                + image
                + "': pin a tag, such as "
                + DEFAULT_IMAGE
                + ", so that test runs are repeatable.");
      }
      this.image = image;
      return this;
    }

    /**
     * Sets the region of the endpoint. Default: {@code us-east-1}.
     *
     * @throws IllegalArgumentException when {@code region} is not a region name
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(
            "Invalid region '" + region + "': expected a region name such as us-east-1.");
      }
      this.region = region;
      return this;
    }

    /**
     * Starts the container and waits until LocalStack is ready.
     *
     * @throws IllegalStateException when {@link #unavailableReason()} names a missing requirement
     */
    public LocalStackBackend start() {
      Optional<String> reason = unavailableReason();
      if (reason.isPresent()) {
        throw new IllegalStateException("Cannot start the LocalStack backend: " + reason.get());
      }
      String token = Objects.requireNonNull(System.getenv(AUTH_TOKEN_VARIABLE));
      return new LocalStackBackend(LocalStackContainerHandle.start(image, token), region);
    }
  }
}
