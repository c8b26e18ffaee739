package dev.ecr4j.registry;

import dev.ecr4j.core.retry.RetrySettings;
import dev.ecr4j.oci.BlobWriter;
import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageSink;
import dev.ecr4j.oci.ImageSource;
import dev.ecr4j.oci.Manifest;
import dev.ecr4j.oci.MediaTypes;
import dev.ecr4j.oci.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Pushes, pulls and copies images over the OCI Distribution API, without a Docker daemon.
 *
 * <p>Push: each blob is checked with {@code HEAD} and skipped when present, mounted from the source
 * repository on a copy within one registry (falling back to an upload when the registry starts one
 * instead), and otherwise uploaded in one {@code PATCH} and a {@code PUT}, or in parts of {@link
 * Builder#chunkSize} (at least 5 MiB, ECR's minimum) when the registry rejects the single request
 * with 413 or chunked uploads are chosen. Blobs go up {@link Builder#parallelism} at a time; the
 * manifests follow, children of an index by digest, and the root last with its tag, once. Blobs are
 * streamed, never held in memory.
 *
 * <p>Pull: any manifest type (Docker schema 2, manifest list, OCI manifest, OCI index), one
 * platform of an index or all of them, resumable blob downloads with {@code Range}, and a digest
 * check of every blob and manifest; manifests are capped at 4 MiB.
 *
 * <p>Failures: connection failures, 408, 429 (honouring {@code Retry-After}) and 5xx are retried
 * per request, or per upload session for blob uploads, up to {@link RetrySettings#maxAttempts}, or
 * {@link RetrySettings#maxServerFailureAttempts} once an attempt failed other than by 429. A 401,
 * or ECR's 403 for an expired token, refreshes the credentials and replays once. A digest that
 * differs from the one computed locally fails at once, and so does a push to an immutable tag that
 * names another image ({@link TagImmutableException}).
 *
 * <p>Thread-safe; one client can run several transfers at once.
 */
public final class RegistryClient implements AutoCloseable {

  /** The smallest part of a chunked upload: ECR rejects smaller parts, except the last. */
  public static final long MIN_CHUNK_SIZE = 5L * 1024 * 1024;

  // ECR's quotas allow parts of at most 10 MiB. 8 MiB leaves room and halves the requests of 5 MiB.
  private static final long DEFAULT_CHUNK_SIZE = 8L * 1024 * 1024;
  // skopeo copies 6 blobs at once and crane 4. More rarely helps one registry and can hit its
  // quotas.
  private static final int DEFAULT_PARALLELISM = 6;
  private static final int MAX_PARALLELISM = 64;
  // Registries that rejected a single-request upload with 413 get chunked uploads from then on.
  private final Set<String> chunkedRegistries = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The way blobs are uploaded. */
  public enum UploadMode {
    /** One {@code PATCH} with the whole blob, then parts when the registry returns 413. */
    MONOLITHIC,
    /** Always parts of {@link Builder#chunkSize}. */
    CHUNKED
  }

  private final RegistryHttp http;
  private final OkHttpClient okHttp;
  private final boolean ownsOkHttp;
  private final int parallelism;
  private final long chunkSize;
  private final UploadMode uploadMode;
  private final ProgressListener listener;

  private RegistryClient(Builder builder) {
    this.ownsOkHttp = builder.okHttpClient == null;
    this.okHttp = builder.okHttpClient != null ? builder.okHttpClient : defaultOkHttp();
    Map<String, RegistryAuth> auths = Map.copyOf(builder.auths);
    RegistryAuth defaultAuth = builder.defaultAuth;
    Set<String> insecure = Set.copyOf(builder.insecureRegistries);
    this.http =
        new RegistryHttp(
            okHttp,
            registry -> auths.getOrDefault(registry, defaultAuth),
            insecure::contains,
            builder.retrySettings,
            builder.sleeper,
            builder.clock);
    this.parallelism = builder.parallelism;
    this.chunkSize = builder.chunkSize;
    this.uploadMode = builder.uploadMode;
    this.listener = builder.listener;
  }

  /**
   * Returns the OkHttp client used when none is given. OkHttp's own retry on connection failures is
   * off, so that the retry settings alone bound the attempts. Reads wait up to 2 minutes, because a
   * registry may take that long to verify a large blob before it responds to the final PUT.
   */
  private static OkHttpClient defaultOkHttp() {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofMinutes(2))
        .writeTimeout(Duration.ofMinutes(2))
        .build();
  }

  /** Returns a builder with anonymous access, HTTPS only, and the default retry settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Pushes the image of {@code source} to {@code target}: blobs, then child manifests by digest,
   * then the root manifest under the target's tag (or digest).
   *
   * @throws IllegalArgumentException when the target has a digest other than the image's
   * @throws TagImmutableException when the tag is immutable and names another image
   * @throws RegistryException when the registry rejects a request or cannot be reached
   * @throws UncheckedIOException when the source cannot be read
   */
  public TransferResult push(ImageSource source, ImageReference target) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    try {
      Manifest root = source.manifest();
      Digest requested = target.digest();
      if (requested != null && !requested.equals(root.digest())) {
        throw new IllegalArgumentException(
            "The target "
                + target
                + " names digest "
                + requested
                + ", but the image's manifest has digest "
                + root.digest()
                + "; drop the digest from the target or push the image it names");
      }
      ImageTree tree = ImageTree.of(source, root);
      Counters counters = new Counters();
      BlobPusher pusher =
          new BlobPusher(
              http, target, listener, chunkSize, uploadMode, chunkedRegistries, counters);
      String mountFrom = mountSource(source, target);

      List<Callable<Void>> uploads = new ArrayList<>();
      for (Descriptor blob : tree.blobs.values()) {
        uploads.add(
            () -> {
              pusher.push(blob, source, mountFrom);
              return null;
            });
      }
      runAll(uploads);

      for (Manifest child : tree.children) {
        pusher.putManifest(child, child.digest().toString());
      }
      String tag = target.tag();
      pusher.putManifest(root, tag != null ? tag : root.digest().toString());
      return counters.result(target.withDigest(root.digest()), root.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Reading the image to push to " + target + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Pulls {@code source} into {@code sink} under {@code tag}: an index with every platform it
   * lists, or a single image.
   *
   * @throws RegistryException when a request fails or content does not match its digest
   * @throws UncheckedIOException when the sink cannot be written
   */
  public TransferResult pull(ImageReference source, ImageSink sink, String tag) {
    return pull(source, sink, tag, null);
  }

  /**
   * Pulls {@code source} into {@code sink} under {@code tag}. When {@code platform} is given, only
   * that platform's image is pulled and stored as the tagged root: the matching child of an index,
   * or the image itself when its config names that platform.
   *
   * @throws IllegalArgumentException when the source has no image for {@code platform}
   * @throws RegistryException when a request fails or content does not match its digest
   * @throws UncheckedIOException when the sink cannot be written
   */
  public TransferResult pull(
      ImageReference source, ImageSink sink, String tag, @Nullable Platform platform) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(tag, "tag");
    RemoteImage image = open(source, platform);
    Manifest root = image.manifest();
    try {
      ImageTree tree = ImageTree.of(image, root);
      Counters counters = new Counters();
      List<Callable<Void>> downloads = new ArrayList<>();
      for (Descriptor blob : tree.blobs.values()) {
        downloads.add(
            () -> {
              download(image, blob, sink, counters);
              return null;
            });
      }
      runAll(downloads);
      for (Manifest child : tree.children) {
        sink.putManifest(child, Optional.empty());
      }
      sink.putManifest(root, Optional.of(tag));
      return counters.result(source.withDigest(root.digest()), root.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Storing " + source + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Copies {@code source} to {@code target}, skipping blobs the target has and mounting blobs when
   * both are in the same registry. Blobs stream from one registry to the other.
   */
  public TransferResult copy(ImageReference source, ImageReference target) {
    return push(open(source), target);
  }

  /**
   * Copies {@code platform}'s image of {@code source} to {@code target}: the matching child of an
   * index, or the image itself when its config names that platform. With a null {@code platform}
   * this is {@link #copy(ImageReference, ImageReference)}.
   *
   * @throws IllegalArgumentException when the source has no image for {@code platform}
   */
  public TransferResult copy(
      ImageReference source, ImageReference target, @Nullable Platform platform) {
    return push(open(Objects.requireNonNull(source, "source"), platform), target);
  }

  /** Opens {@code reference}, with the root narrowed to {@code platform}'s image when given. */
  private RemoteImage open(ImageReference reference, @Nullable Platform platform) {
    RemoteImage image = RemoteImage.open(http, reference);
    if (platform == null) {
      return image;
    }
    try {
      return image.withRoot(ImageSource.platformManifest(image, platform));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(reference + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Reading the config of " + reference + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the image that {@code reference} points to, fetching its manifest, as a source to push
   * elsewhere.
   */
  public ImageSource open(ImageReference reference) {
    return RemoteImage.open(http, Objects.requireNonNull(reference, "reference"));
  }

  /**
   * Returns the descriptor of the manifest that {@code reference} points to, or empty when there is
   * none.
   */
  public Optional<Descriptor> resolve(ImageReference reference) {
    RegistryHttp.Scope scope =
        new RegistryHttp.Scope(reference.registry(), reference.repository(), false);
    Request request =
        new Request.Builder()
            .url(manifestUrl(reference, reference.manifestReference()))
            .header("Accept", MediaTypes.MANIFEST_ACCEPT)
            .head()
            .build();
    try (Response response = http.execute(request, scope)) {
      if (response.code() == 404) {
        return Optional.empty();
      }
      if (response.code() != 200) {
        throw http.failure(response, "Checking " + reference);
      }
      String digest = response.header("Docker-Content-Digest");
      String mediaType = response.header("Content-Type", MediaTypes.OCI_MANIFEST);
      String length = response.header("Content-Length", "0");
      if (digest == null) {
        // Without the header, only the manifest itself can provide its digest.
        Manifest manifest = RemoteImage.open(http, reference).manifest();
        return Optional.of(manifest.descriptor());
      }
      return Optional.of(
          Descriptor.of(
              Objects.requireNonNull(mediaType).split(";", 2)[0].trim(),
              Digest.parse(digest),
              Long.parseLong(Objects.requireNonNull(length))));
    }
  }

  /** Returns every tag of the repository of {@code repository}, following pagination. */
  public List<String> tags(ImageReference repository) {
    RegistryHttp.Scope scope =
        new RegistryHttp.Scope(repository.registry(), repository.repository(), false);
    List<String> tags = new ArrayList<>();
    // ECR rejects pages of more than 1000 items.
    HttpUrl next =
        http.url(repository.registry(), "/v2/" + repository.repository() + "/tags/list")
            .newBuilder()
            .addQueryParameter("n", "1000")
            .build();
    while (next != null) {
      Request request = new Request.Builder().url(next).get().build();
      try (Response response = http.execute(request, scope)) {
        if (response.code() != 200) {
          throw http.failure(response, "Listing the tags of " + repository.repository());
        }
        JsonNode body = RegistryJson.read(Objects.requireNonNull(response.body()).string());
        JsonNode page = body.get("tags");
        if (page != null && page.isArray()) {
          page.forEach(tag -> tags.add(tag.asString()));
        }
        next = nextPage(response);
      } catch (IOException e) {
        throw new RegistryException(
            "Listing the tags of " + repository.repository() + " failed: " + e, 0, "", e);
      }
    }
    return tags;
  }

  /**
   * Returns the manifests that refer to {@code subject} (OCI 1.1 referrers), optionally only those
   * of {@code artifactType}. Uses the referrers API, and the {@code sha256-<hex>} tag that clients
   * maintain where a registry has no referrers API.
   */
  public ImageIndex referrers(ImageReference subject, @Nullable String artifactType) {
    Digest digest =
        subject
            .digestIfAny()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The subject "
                            + subject
                            + " needs a digest (@sha256:...) to list referrers"));
    RegistryHttp.Scope scope =
        new RegistryHttp.Scope(subject.registry(), subject.repository(), false);
    HttpUrl.Builder url =
        http.url(subject.registry(), "/v2/" + subject.repository() + "/referrers/" + digest)
            .newBuilder();
    if (artifactType != null) {
      url.addQueryParameter("artifactType", artifactType);
    }
    Request request =
        new Request.Builder().url(url.build()).header("Accept", MediaTypes.OCI_INDEX).get().build();
    try (Response response = http.execute(request, scope)) {
      if (response.code() == 200) {
        byte[] bytes = Objects.requireNonNull(response.body()).bytes();
        return filter((ImageIndex) Manifest.parse(bytes, MediaTypes.OCI_INDEX), artifactType);
      }
      if (response.code() != 404) {
        throw http.failure(response, "Listing the referrers of " + subject);
      }
    } catch (IOException e) {
      throw new RegistryException(
          "Listing the referrers of " + subject + " failed: " + e, 0, "", e);
    }
    return filter(
        BlobPusher.referrersTagIndex(http, subject.withTag(BlobPusher.referrersTag(digest))),
        artifactType);
  }

  /** Closes the OkHttp client when this client created it. */
  @Override
  public void close() {
    if (ownsOkHttp) {
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }

  private void download(RemoteImage image, Descriptor blob, ImageSink sink, Counters counters)
      throws IOException {
    if (sink.contains(blob.digest())) {
      counters.existing.incrementAndGet();
      listener.onEvent(
          new ProgressEvent(ProgressEvent.Kind.EXISTS, blob.digest(), 0, blob.size(), ""));
      return;
    }
    listener.onEvent(
        new ProgressEvent(ProgressEvent.Kind.STARTED, blob.digest(), 0, blob.size(), ""));
    Progress progress = new Progress(listener, blob.digest(), blob.size());
    try (BlobWriter writer = sink.newBlob(blob)) {
      image.download(blob, writer, progress);
    }
    counters.transferred.incrementAndGet();
    counters.bytes.addAndGet(blob.size());
    listener.onEvent(
        new ProgressEvent(
            ProgressEvent.Kind.COMPLETED, blob.digest(), blob.size(), blob.size(), ""));
  }

  private static @Nullable String mountSource(ImageSource source, ImageReference target) {
    if (source instanceof RemoteImage) {
      ImageReference from = ((RemoteImage) source).reference();
      if (from.registry().equals(target.registry())
          && !from.repository().equals(target.repository())) {
        return from.repository();
      }
    }
    return null;
  }

  /**
   * Runs {@code tasks}, at most {@code parallelism} at a time. The first failure cancels the rest.
   */
  private void runAll(List<Callable<Void>> tasks) throws IOException {
    if (tasks.isEmpty()) {
      return;
    }
    int threads = Math.min(parallelism, tasks.size());
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "ecr4j-transfer-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // Set by the first task that fails, so that no task starts after it. Cancelling the futures
    // alone leaves a window in which the pool's thread has already taken the next task.
    AtomicBoolean failed = new AtomicBoolean();
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  if (failed.get()) {
                    return null;
                  }
                  try {
                    return task.call();
                  } catch (Exception | Error e) {
                    failed.set(true);
                    throw e;
                  }
                }));
      }
      for (Future<Void> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          futures.forEach(other -> other.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof IOException) {
            throw (IOException) cause;
          }
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          if (cause instanceof Error) {
            throw (Error) cause;
          }
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("Interrupted during the transfer", 0, "", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpUrl manifestUrl(ImageReference image, String reference) {
    return http.url(image.registry(), "/v2/" + image.repository() + "/manifests/" + reference);
  }

  private static @Nullable HttpUrl nextPage(Response response) {
    String link = response.header("Link");
    if (link == null) {
      return null;
    }
    int start = link.indexOf('<');
    int end = link.indexOf('>');
    if (start < 0 || end < start) {
      return null;
    }
    return response.request().url().resolve(link.substring(start + 1, end));
  }

  private static ImageIndex filter(ImageIndex index, @Nullable String artifactType) {
    if (artifactType == null) {
      return index;
    }
    List<Descriptor> matching = new ArrayList<>();
    for (Descriptor descriptor : index.manifests()) {
      if (artifactType.equals(descriptor.artifactType())) {
        matching.add(descriptor);
      }
    }
    return matching.size() == index.manifests().size() ? index : ImageIndex.of(matching);
  }

  /** Counters of blobs and bytes of one transfer, shared by its threads. */
  static final class Counters {
    final AtomicInteger transferred = new AtomicInteger();
    final AtomicInteger existing = new AtomicInteger();
    final AtomicInteger mounted = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();

    TransferResult result(ImageReference reference, Digest digest) {
      return new TransferResult(
          reference.toString(),
          digest,
          transferred.get(),
          existing.get(),
          mounted.get(),
          bytes.get());
    }
  }

  /** Builder of a {@link RegistryClient}. Each setter validates its value. */
  public static final class Builder {
    private @Nullable OkHttpClient okHttpClient;
    private final Map<String, RegistryAuth> auths = new HashMap<>();
    private RegistryAuth defaultAuth = RegistryAuth.anonymous();
    private final Set<String> insecureRegistries = new HashSet<>();
    private int parallelism = DEFAULT_PARALLELISM;
    private long chunkSize = DEFAULT_CHUNK_SIZE;
    private UploadMode uploadMode = UploadMode.MONOLITHIC;
    private RetrySettings retrySettings = RetrySettings.defaults();
    private ProgressListener listener = ProgressListener.NONE;
    private RegistryHttp.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the OkHttp client to send requests with, for proxies, timeouts or TLS settings. The
     * caller closes it. By default the client creates its own and closes it in {@link #close}.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /** Sets the authentication for {@code registry} (a host with an optional port). */
    public Builder auth(String registry, RegistryAuth auth) {
      auths.put(
          Objects.requireNonNull(registry, "registry").toLowerCase(java.util.Locale.ROOT),
          Objects.requireNonNull(auth, "auth"));
      return this;
    }

    /** Sets the authentication for registries without their own. Anonymous by default. */
    public Builder defaultAuth(RegistryAuth auth) {
      this.defaultAuth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Sends requests to {@code registry} over plain HTTP instead of HTTPS.
     *
     * @throws IllegalArgumentException when the registry is not localhost or a loopback address,
     *     because credentials and images would cross the network unencrypted
     */
    public Builder insecure(String registry) {
      Objects.requireNonNull(registry, "registry");
      String host = new ImageReference(registry, "x", "latest", null).host();
      if (!RegistryHttp.isLoopbackHost(host)) {
        throw new IllegalArgumentException(
            "Plain HTTP is allowed only for registries on this machine (localhost, 127.0.0.1,"
                + " [::1]), not '"
                + registry
                + "'; use HTTPS for remote registries");
      }
      insecureRegistries.add(registry.toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /** Sets the number of blobs transferred at once, from 1 to 64. 6 by default. */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw new IllegalArgumentException(
            "parallelism must be from 1 to " + MAX_PARALLELISM + ", but was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Sets the part size of chunked uploads, at least 5 MiB because ECR rejects smaller parts. 8
     * MiB by default. ECR also rejects parts above 10 MiB.
     */
    public Builder chunkSize(long chunkSize) {
      if (chunkSize < MIN_CHUNK_SIZE) {
        throw new IllegalArgumentException(
            "chunkSize must be at least "
                + MIN_CHUNK_SIZE
                + " bytes (5 MiB), because ECR rejects smaller parts, but was "
                + chunkSize);
      }
      this.chunkSize = chunkSize;
      return this;
    }

    /** Sets the upload mode. {@link UploadMode#MONOLITHIC} by default. */
    public Builder uploadMode(UploadMode uploadMode) {
      this.uploadMode = Objects.requireNonNull(uploadMode, "uploadMode");
      return this;
    }

    /** Sets the retry settings of requests and upload sessions. */
    public Builder retrySettings(RetrySettings retrySettings) {
      this.retrySettings = Objects.requireNonNull(retrySettings, "retrySettings");
      return this;
    }

    /** Sets the listener of progress events. None by default. */
    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the clock that reads {@code Retry-After} dates and token expiry. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    Builder sleeper(RegistryHttp.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Builds the client. */
    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
