package dev.ecr4j.testkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything the emulator stores: one private registry per account and region, one public registry
 * per account, the registry tokens issued by GetAuthorizationToken, the blobs, the clock, the
 * faults to inject and the lifecycle schedule. Registries are created on first use.
 */
public final class EmulatorState {

  private final EmulatorClock clock;
  private final String registryHost;
  private final Path blobDirectory;
  private final BlobStore blobs;
  private final FaultInjector faults = new FaultInjector();
  private final Replicator replicator = new Replicator(this);
  private final Duration lifecycleInterval;
  private final ConcurrentMap<String, RegistryState> registries = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PublicRegistryState> publicRegistries =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AuthToken> tokens = new ConcurrentHashMap<>();
  private Instant nextLifecycleRun;
  private final Object layerUrlKeyLock = new Object();
  private byte @Nullable [] layerUrlKey;

  /**
   * A registry password issued by GetAuthorizationToken, for the registry API.
   *
   * @param accountId the registry the token was issued for
   * @param principalArn the principal that requested it, whose pulls the token makes
   */
  public record AuthToken(String accountId, Instant expiresAt, String principalArn) {}

  /**
   * Creates the state.
   *
   * @param clock the clock for creation, push and token times
   * @param registryHost {@code 127.0.0.1:PORT}, the host of repository URIs
   * @param blobDirectory where layer blobs are stored
   * @param lifecycleInterval how often lifecycle policies run as the clock moves; zero for never
   */
  public EmulatorState(
      EmulatorClock clock, String registryHost, Path blobDirectory, Duration lifecycleInterval) {
    this.clock = clock;
    this.registryHost = registryHost;
    this.blobDirectory = blobDirectory;
    this.blobs = new BlobStore(blobDirectory);
    this.lifecycleInterval = lifecycleInterval;
    this.nextLifecycleRun = clock.instant().plus(lifecycleInterval);
  }

  /** Returns the signature of a layer download URL, an HMAC-SHA256 of the digest. */
  String signLayer(String digest) {
    return SigV4Verifier.hex(
        HmacSha256.mac(layerUrlKey(), digest.getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns the key of layer download URLs, made on first use. */
  private byte[] layerUrlKey() {
    synchronized (layerUrlKeyLock) {
      byte[] key = layerUrlKey;
      if (key == null) {
        key = Secrets.randomBytes(32);
        layerUrlKey = key;
      }
      return key;
    }
  }

  /** Returns true when {@code signature} is the one {@link #signLayer} gives {@code digest}. */
  boolean verifyLayerSignature(String digest, String signature) {
    return MessageDigest.isEqual(
        signLayer(digest).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the current time of the emulator's clock. */
  public Instant now() {
    return clock.instant();
  }

  /** Returns the emulator's clock. */
  public EmulatorClock clock() {
    return clock;
  }

  /** Returns {@code 127.0.0.1:PORT}. */
  public String registryHost() {
    return registryHost;
  }

  /** Returns the directory that holds blobs. */
  public Path blobDirectory() {
    return blobDirectory;
  }

  /** Returns the blob store shared by the registry API and the layer operations. */
  public BlobStore blobs() {
    return blobs;
  }

  /** Returns the faults to inject into requests. */
  public FaultInjector faults() {
    return faults;
  }

  Replicator replicator() {
    return replicator;
  }

  /** Returns the private registry of {@code registryId} in {@code region}, creating it empty. */
  public RegistryState registry(String registryId, String region) {
    return registries.computeIfAbsent(
        registryId + "/" + region, key -> new RegistryState(registryId, region));
  }

  /** Returns every private registry created so far. */
  List<RegistryState> registries() {
    return new ArrayList<>(registries.values());
  }

  PublicRegistryState publicRegistry(String registryId) {
    return publicRegistries.computeIfAbsent(
        registryId, id -> new PublicRegistryState(id, "alias" + id));
  }

  /**
   * Returns the URI of a private repository: {@code 127.0.0.1:PORT/ACCOUNT/REGION/NAME}. The first
   * two path segments route a registry request to the account and region without DNS.
   */
  public String repositoryUri(String registryId, String region, String name) {
    return registryHost + "/" + registryId + "/" + region + "/" + name;
  }

  void addToken(String password, AuthToken token) {
    tokens.put(password, token);
  }

  /** Returns the token with {@code password}, if GetAuthorizationToken issued it. */
  public Optional<AuthToken> token(String password) {
    return Optional.ofNullable(tokens.get(password));
  }

  /**
   * Runs every lifecycle policy when the clock has passed the next scheduled run. The handler calls
   * this before each request, and the clock controls after each advance.
   *
   * @return the run, or empty when none was due
   */
  public Optional<LifecycleRunner.Run> runLifecycleIfDue() {
    if (lifecycleInterval.isZero()) {
      return Optional.empty();
    }
    Instant now = now();
    synchronized (this) {
      if (now.isBefore(nextLifecycleRun)) {
        return Optional.empty();
      }
      nextLifecycleRun = now.plus(lifecycleInterval);
    }
    return Optional.of(LifecycleRunner.runAll(this, now));
  }

  /** Deletes every registry, token, blob, upload and fault, and puts the clock back. */
  public void reset() {
    registries.clear();
    publicRegistries.clear();
    tokens.clear();
    faults.clear();
    blobs.clear();
    clock.reset();
    synchronized (this) {
      nextLifecycleRun = clock.instant().plus(lifecycleInterval);
    }
  }
}
