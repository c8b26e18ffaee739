package dev.ecr4j.testkit.emulator.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Everything the emulator stores: one private registry per account and region, one public registry
 * per account, the registry tokens issued by GetAuthorizationToken, and the directory for blobs.
 * Registries are created on first use.
 */
public final class EmulatorState {

  private final Clock clock;
  private final String registryHost;
  private final Path blobDirectory;
  private final ConcurrentMap<String, RegistryState> registries = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PublicRegistryState> publicRegistries =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AuthToken> tokens = new ConcurrentHashMap<>();

  /** A registry password issued by GetAuthorizationToken, for the later registry API. */
  public record AuthToken(String accountId, Instant expiresAt) {}

  /**
   * Creates the state.
   *
   * @param clock the clock for creation, push and token times
   * @param registryHost {@code 127.0.0.1:PORT}, the host of repository URIs
   * @param blobDirectory where layer blobs are stored
   */
  public EmulatorState(Clock clock, String registryHost, Path blobDirectory) {
    this.clock = clock;
    this.registryHost = registryHost;
    this.blobDirectory = blobDirectory;
  }

  /** Returns the current time of the emulator's clock. */
  public Instant now() {
    return clock.instant();
  }

  /** Returns {@code 127.0.0.1:PORT}. */
  public String registryHost() {
    return registryHost;
  }

  /** Returns the directory that holds blobs. */
  public Path blobDirectory() {
    return blobDirectory;
  }

  /** Returns the private registry of {@code registryId} in {@code region}, creating it empty. */
  public RegistryState registry(String registryId, String region) {
    return registries.computeIfAbsent(
        registryId + "/" + region, key -> new RegistryState(registryId, region));
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
}
