package dev.ecr4j.testkit.emulator;

import dev.ecr4j.testkit.emulator.internal.EmulatorClock;
import dev.ecr4j.testkit.emulator.internal.EmulatorHandler;
import dev.ecr4j.testkit.emulator.internal.EmulatorHttpServer;
import dev.ecr4j.testkit.emulator.internal.EmulatorState;
import dev.ecr4j.testkit.emulator.internal.FaultInjector;
import dev.ecr4j.testkit.emulator.internal.LazyLogger;
import dev.ecr4j.testkit.emulator.internal.LifecycleRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Starts an Amazon ECR emulator in this JVM, on 127.0.0.1, for integration tests.
 *
 * <p>The emulator speaks ECR's awsJson 1.1 control plane ({@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Operation>}) and ECR Public's ({@code
 * SpencerFrontendService.<Operation>}) on {@code POST /} of {@link #endpoint()}. It checks SigV4
 * signatures against the configured credentials, validates every request against botocore's service
 * model, and replies with ECR's error codes and texts. Point the AWS SDK at it with {@code
 * EcrClient.builder().endpointOverride(emulator.endpoint())}.
 *
 * <p>Defaults: an ephemeral port, the credentials {@link EmulatorCredentials#DEFAULT}, strict
 * signature checks, the system UTC clock, and blobs in a temporary directory that {@link #close()}
 * deletes.
 *
 * <p>Accounts and regions: each access key maps to an account, and the region comes from the
 * signature's credential scope, so one emulator serves any number of separate registries.
 * Repository URIs have the form {@code 127.0.0.1:PORT/ACCOUNT/REGION/NAME}, which a registry client
 * can use as it is: the first two path segments select the registry without DNS.
 *
 * <p>Registry API: the same port serves {@code /v2/} to docker, skopeo and other registry clients,
 * with Basic authentication by GetAuthorizationToken's tokens (user {@code AWS}), on the same store
 * as the control plane.
 *
 * <p>Controls: {@link #advanceClock(Duration)} moves the emulator's clock, and lifecycle policies
 * run when it passes the next scheduled run or on {@link #runLifecyclePolicies()}. Pushes replicate
 * as the registry's replication configuration specifies. {@link #injectFault(Fault)} makes requests
 * fail, and {@link #reset()} empties the emulator. The admin API under {@code /_ecr4j/} offers the
 * same controls over HTTP.
 *
 * <p>Thread safety: an emulator is safe for concurrent requests; each operation runs under the lock
 * of the registry it addresses.
 *
 * <pre>{@code
 * try (EcrEmulator emulator = EcrEmulator.start()) {
 *   EcrClient ecr = EcrClient.builder()
 *       .endpointOverride(emulator.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *       .build();
 *   ecr.createRepository(r -> r.repositoryName("app"));
 * }
 * }</pre>
 */
public final class EcrEmulator implements AutoCloseable {

  static {
    // The control planes are built once per JVM. Starting that here, when the class loads, gives
    // it a head start on everything a builder and a constructor do, which is what a cold start
    // waits for.
    Thread warmUp = new Thread(EmulatorHandler::warmUp, "ecr4j-emulator-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  private static final System.Logger LOG = LazyLogger.of(EcrEmulator.class);

  /** The emulator listens on the loopback address only. */
  private static final String HOST = "127.0.0.1";

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,25}");

  private final EmulatorHttpServer server;
  private final EmulatorState state;
  private final EmulatorHandler handler;
  private final List<EmulatorCredentials> credentials;
  private final Path blobDirectory;
  private final boolean deleteBlobDirectory;

  private EcrEmulator(Builder builder) {
    this.credentials = List.copyOf(builder.credentials);
    Path requested = builder.storageDirectory;
    this.deleteBlobDirectory = requested == null;
    try {
      this.blobDirectory =
          requested == null ? createBlobDirectory() : Files.createDirectories(requested);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the ECR emulator's blob directory: " + e.getMessage(), e);
    }
    try {
      this.server =
          new EmulatorHttpServer(
              new InetSocketAddress(
                  InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1}), builder.port));
    } catch (IOException e) {
      if (deleteBlobDirectory) {
        deleteRecursively(blobDirectory);
      }
      throw new UncheckedIOException(
          "Cannot start the ECR emulator on "
              + HOST
              + ":"
              + builder.port
              + ": "
              + e.getMessage()
              + (builder.port == 0 ? "" : ". Choose a free port, or 0 for an ephemeral one."),
          e);
    }

    String registryHost = HOST + ":" + server.port();
    this.state =
        new EmulatorState(
            new EmulatorClock(builder.clock),
            registryHost,
            blobDirectory,
            builder.lifecycleInterval);
    List<List<String>> keys = new ArrayList<>();
    for (EmulatorCredentials credential : credentials) {
      keys.add(
          List.of(credential.accessKeyId(), credential.secretAccessKey(), credential.accountId()));
    }
    this.handler = new EmulatorHandler(keys, builder.lenientSignatures, state);
    server.start(handler);
  }

  /** Starts an emulator with the defaults, on an ephemeral port. */
  public static EcrEmulator start() {
    return builder().start();
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the control-plane endpoint, {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://" + state.registryHost());
  }

  /** Returns the port the emulator listens on. */
  public int port() {
    return server.port();
  }

  /** Returns the host of repository URIs and registry tokens, {@code 127.0.0.1:PORT}. */
  public String registryHost() {
    return state.registryHost();
  }

  /**
   * Returns the URI of a private repository, {@code 127.0.0.1:PORT/ACCOUNT/REGION/NAME}, as
   * CreateRepository returns it.
   *
   * @throws IllegalArgumentException when the account is not twelve digits or the region is not a
   *     region name
   */
  public String repositoryUri(String accountId, String region, String repositoryName) {
    if (!accountId.matches("[0-9]{12}")) {
      throw new IllegalArgumentException(
          "Invalid account id '" + accountId + "': it must be twelve digits.");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "Invalid region '" + region + "': expected a region name such as us-east-1.");
    }
    return state.repositoryUri(accountId, region, repositoryName);
  }

  /** Returns the accepted credentials; the first is the default account in lenient mode. */
  public List<EmulatorCredentials> credentials() {
    return credentials;
  }

  /** Returns the directory that contains blobs. */
  public Path storageDirectory() {
    return blobDirectory;
  }

  /** Returns the ECR operations this emulator implements; the others return an error. */
  public Set<String> supportedOperations() {
    return Set.copyOf(handler.implementedOperations());
  }

  /** Returns every operation of ECR's API model. */
  public Set<String> modelledOperations() {
    return handler.modelledOperations();
  }

  /** Returns the current time of the emulator's clock. */
  public Instant now() {
    return state.now();
  }

  /**
   * Moves the emulator's clock forward by {@code amount}. Push times, token expiry, scan limits and
   * lifecycle ages follow it; SigV4 signatures are still checked against real time. When the clock
   * passes the next scheduled lifecycle run (see {@link Builder#lifecycleInterval(Duration)}), the
   * run happens before this method returns.
   *
   * @return the new time
   * @throws IllegalArgumentException when {@code amount} is negative
   */
  public Instant advanceClock(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    Instant now = state.clock().advance(amount);
    state.runLifecycleIfDue();
    return now;
  }

  /**
   * Runs the lifecycle policy of every repository in every registry now, as ECR's daily run does:
   * images that ecr4j's lifecycle evaluator expires are deleted (with their referrers), and images
   * it transitions are archived.
   */
  public LifecycleRun runLifecyclePolicies() {
    LifecycleRunner.Run run = LifecycleRunner.runAll(state, state.now());
    return new LifecycleRun(run.evaluatedAt(), run.expired(), run.archived());
  }

  /**
   * Adds a fault, which applies before the faults added later.
   *
   * @throws IllegalArgumentException when the fault's path pattern is not a regular expression
   */
  public void injectFault(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    FaultInjector.Kind kind =
        switch (fault.kind()) {
          case THROTTLING -> FaultInjector.Kind.THROTTLING;
          case SERVER_ERROR -> FaultInjector.Kind.SERVER_ERROR;
          case LATENCY -> FaultInjector.Kind.LATENCY;
          case DROPPED_CONNECTION -> FaultInjector.Kind.DROP_CONNECTION;
          case EXPIRED_TOKEN -> FaultInjector.Kind.EXPIRED_TOKEN;
        };
    state
        .faults()
        .add(
            FaultInjector.rule(
                kind,
                fault.operation(),
                fault.pathPattern(),
                fault.times(),
                fault.fraction(),
                fault.seed(),
                fault.kind() == Fault.Kind.SERVER_ERROR ? fault.status() : 500,
                fault.latency()));
  }

  /** Removes every injected fault. */
  public void clearFaults() {
    state.faults().clear();
  }

  /**
   * Deletes every repository, image, blob, token, setting and fault, and puts the clock back to its
   * start, as if the emulator had just started on the same port.
   */
  public void reset() {
    state.reset();
  }

  /**
   * Stops the server at once and deletes the temporary blob directory; a directory given with
   * {@link Builder#storageDirectory(Path)} is kept.
   */
  @Override
  public void close() {
    server.close();
    if (deleteBlobDirectory) {
      deleteRecursively(blobDirectory);
    }
    LOG.log(Level.DEBUG, "ECR emulator on {0} stopped", state.registryHost());
  }

  /**
   * Creates a new directory under {@code java.io.tmpdir}, readable by the owner only where the file
   * system has POSIX permissions.
   *
   * <p>NOTE: {@link Files#createTempDirectory} would do, but it names the directory with a {@code
   * SecureRandom}, whose first use costs a cold start several milliseconds. The name needs to be
   * unique, not secret: creation fails on an existing directory and the next name is tried.
   */
  private static Path createBlobDirectory() throws IOException {
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      Path directory =
          parent.resolve(
              "ecr4j-emulator-" + pid + "-" + Long.toHexString(System.nanoTime() + attempt));
      try {
        return posix
            ? Files.createDirectory(
                directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
            : Files.createDirectory(directory);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static void deleteRecursively(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException e)
                throws IOException {
              Files.delete(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Closing must not fail a test; the operating system cleans its temporary directory.
      LOG.log(Level.WARNING, "Cannot delete the emulator's blob directory " + root, e);
    }
  }

  /** Options of an emulator. Each setter checks its value at once. */
  public static final class Builder {
    private int port;
    private final List<EmulatorCredentials> credentials = new ArrayList<>();
    private boolean lenientSignatures;
    private @Nullable Path storageDirectory;
    private Clock clock = Clock.systemUTC();
    private Duration lifecycleInterval = Duration.ofHours(24);

    private Builder() {}

    /**
     * Sets the port; 0, the default, picks a free one.
     *
     * @throws IllegalArgumentException when {@code port} is outside 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(
            "Invalid port " + port + ": expected 0 (any free port) to 65535.");
      }
      this.port = port;
      return this;
    }

    /**
     * Adds accepted credentials. Without any, the emulator accepts {@link
     * EmulatorCredentials#DEFAULT}.
     *
     * @throws IllegalArgumentException when an access key is added twice
     */
    public Builder credentials(EmulatorCredentials... credentials) {
      for (EmulatorCredentials credential : credentials) {
        Objects.requireNonNull(credential, "credentials");
        for (EmulatorCredentials existing : this.credentials) {
          if (existing.accessKeyId().equals(credential.accessKeyId())) {
            throw new IllegalArgumentException(
                "Duplicate access key '"
                    + credential.accessKeyId()
                    + "': each key maps to one account.");
          }
        }
        this.credentials.add(credential);
      }
      return this;
    }

    /**
     * Accepts any signature, or none, when {@code lenient} is true. Unknown access keys then act as
     * the first configured account. Default: false.
     */
    public Builder lenientSignatures(boolean lenient) {
      this.lenientSignatures = lenient;
      return this;
    }

    /** Keeps blobs in {@code directory}, which outlives the emulator. */
    public Builder storageDirectory(Path directory) {
      this.storageDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Sets the clock for creation, push and token times; signatures are checked on real time. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the interval at which lifecycle policies run on their own as the emulator's clock moves.
     * The default is 24 hours, because ECR acts within 24 hours. {@link Duration#ZERO} turns the
     * automatic runs off, but {@link EcrEmulator#runLifecyclePolicies()} still runs them on demand.
     *
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Builder lifecycleInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException(
            "Invalid lifecycle interval "
                + interval
                + ": expected zero (off) or a positive duration.");
      }
      this.lifecycleInterval = interval;
      return this;
    }

    /**
     * Starts the emulator.
     *
     * @throws UncheckedIOException when the port is taken or the blob directory cannot be created
     */
    public EcrEmulator start() {
      if (credentials.isEmpty()) {
        credentials.add(EmulatorCredentials.DEFAULT);
      }
      return new EcrEmulator(this);
    }
  }
}
