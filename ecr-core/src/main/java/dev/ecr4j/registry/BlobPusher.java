package dev.ecr4j.registry;

import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageSource;
import dev.ecr4j.oci.Manifest;
import dev.ecr4j.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uploads the blobs and manifests of one push to one repository. */
final class BlobPusher {

  private static final Logger LOG = LoggerFactory.getLogger(BlobPusher.class);

  private final RegistryHttp http;
  private final ImageReference target;
  private final RegistryHttp.Scope scope;
  private final ProgressListener listener;
  private final long chunkSize;
  private final RegistryClient.UploadMode uploadMode;
  private final Set<String> chunkedRegistries;
  private final RegistryClient.Counters counters;

  BlobPusher(
      RegistryHttp http,
      ImageReference target,
      ProgressListener listener,
      long chunkSize,
      RegistryClient.UploadMode uploadMode,
      Set<String> chunkedRegistries,
      RegistryClient.Counters counters) {
    this.http = http;
    this.target = target;
    this.scope = new RegistryHttp.Scope(target.registry(), target.repository(), true);
    this.listener = listener;
    this.chunkSize = chunkSize;
    this.uploadMode = uploadMode;
    this.chunkedRegistries = chunkedRegistries;
    this.counters = counters;
  }

  /** A failed step of an upload session that a new session may get past, after {@code delay}. */
  private static final class RetryableStep extends Exception {
    private static final long serialVersionUID = 1L;
    final transient RegistryException failure;
    final Duration delay;

    RetryableStep(RegistryException failure, Duration delay) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
      this.delay = delay;
    }
  }

  /** The registry rejected a single-request upload as too large, so parts are needed. */
  private static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  /**
   * Pushes one blob unless the repository has it. The whole upload session (POST, PATCH, PUT) is
   * the unit of retry, with a newly opened stream each time, because a streamed body cannot be sent
   * twice.
   */
  void push(Descriptor blob, ImageSource source, @Nullable String mountFrom) throws IOException {
    if (exists(blob.digest())) {
      counters.existing.incrementAndGet();
      listener.onEvent(
          new ProgressEvent(ProgressEvent.Kind.EXISTS, blob.digest(), 0, blob.size(), ""));
      return;
    }
    listener.onEvent(
        new ProgressEvent(ProgressEvent.Kind.STARTED, blob.digest(), 0, blob.size(), ""));
    Progress progress = new Progress(listener, blob.digest(), blob.size());
    boolean chunked =
        uploadMode == RegistryClient.UploadMode.CHUNKED
            || chunkedRegistries.contains(target.registry());
    boolean credentialsRefreshed = false;
    String mount = mountFrom;
    boolean serverFailure = false;

    for (int attempt = 1; ; attempt++) {
      progress.reset(0);
      try {
        boolean mounted = uploadOnce(blob, source, mount, chunked, progress);
        if (mounted) {
          counters.mounted.incrementAndGet();
          listener.onEvent(
              new ProgressEvent(
                  ProgressEvent.Kind.MOUNTED,
                  blob.digest(),
                  0,
                  blob.size(),
                  mount == null ? "" : mount));
        } else {
          counters.transferred.incrementAndGet();
          counters.bytes.addAndGet(blob.size());
          listener.onEvent(
              new ProgressEvent(
                  ProgressEvent.Kind.COMPLETED, blob.digest(), blob.size(), blob.size(), ""));
        }
        return;
      } catch (TooLarge e) {
        if (chunked) {
          throw new RegistryException(
              "The registry rejected a part of "
                  + chunkSize
                  + " bytes of blob "
                  + blob.digest()
                  + " as too large (413); lower the chunk size",
              413,
              "",
              null);
        }
        LOG.debug("event=chunkedFallback registry={} digest={}", target.registry(), blob.digest());
        chunked = true;
        chunkedRegistries.add(target.registry());
        attempt--;
      } catch (RegistryHttp.StaleCredentialsException e) {
        // Credentials were refreshed, so one more session does not count as a retry.
        if (credentialsRefreshed) {
          throw e;
        }
        credentialsRefreshed = true;
        attempt--;
      } catch (RetryableStep e) {
        serverFailure |= !RegistryHttp.isThrottling(e.failure.statusCode());
        if (attempt >= http.attemptLimit(serverFailure)) {
          throw e.failure;
        }
        retrying(blob, attempt, String.valueOf(e.failure.getMessage()));
        http.pause(e.delay);
      } catch (IOException e) {
        serverFailure = true;
        if (attempt >= http.attemptLimit(serverFailure)) {
          throw new RegistryException(
              "Uploading blob "
                  + blob.digest()
                  + " to "
                  + target.registry()
                  + "/"
                  + target.repository()
                  + " failed after "
                  + attempt
                  + " attempts: "
                  + e,
              0,
              "",
              e);
        }
        retrying(blob, attempt, e.toString());
        if (!chunked && blob.size() > chunkSize) {
          // A proxy that limits request bodies may drop the connection instead of returning 413,
          // so a large blob that failed in one request is retried in parts.
          chunked = true;
        }
        http.pause(http.backoff(attempt, false));
      }
      // A mount that failed once is not tried again, so the next session is a plain upload.
      mount = null;
    }
  }

  private void retrying(Descriptor blob, int attempt, String reason) {
    LOG.debug("event=uploadRetry digest={} attempt={} reason={}", blob.digest(), attempt, reason);
    listener.onEvent(
        new ProgressEvent(ProgressEvent.Kind.RETRYING, blob.digest(), 0, blob.size(), reason));
  }

  /** Runs one upload session and returns true when the blob was mounted instead of uploaded. */
  private boolean uploadOnce(
      Descriptor blob,
      ImageSource source,
      @Nullable String mountFrom,
      boolean chunked,
      Progress progress)
      throws IOException, RetryableStep, TooLarge {
    // 1. POST /v2/<name>/blobs/uploads/[?mount=<digest>&from=<repository>]
    HttpUrl location = null;
    if (mountFrom != null) {
      HttpUrl mountUrl =
          uploadsUrl()
              .newBuilder()
              .addQueryParameter("mount", blob.digest().toString())
              .addQueryParameter("from", mountFrom)
              .build();
      try (Response response = send(post(mountUrl), true, "Mounting blob " + blob.digest())) {
        if (response.code() == 201) {
          checkDigestHeader(response, blob.digest(), "mounted blob");
          return true;
        }
        if (response.code() == 202) {
          // The registry started an ordinary upload instead, as ECR does for blobs no manifest of
          // the source references.
          location = location(response);
        } else {
          LOG.debug("event=mountFailed status={} digest={}", response.code(), blob.digest());
        }
      }
    }
    if (location == null) {
      try (Response response =
          send(post(uploadsUrl()), true, "Starting the upload of blob " + blob.digest())) {
        if (response.code() != 202) {
          throw http.failure(
              response,
              "Starting the upload of blob " + blob.digest() + " to " + target.repository());
        }
        location = location(response);
      }
    }

    try (InputStream in = source.openBlob(blob)) {
      if (!chunked) {
        // 2. PATCH <location> with the whole blob, then 3. PUT <location>?digest=<digest>.
        Request patch =
            new Request.Builder()
                .url(location)
                .patch(new StreamBody(in, blob.size(), progress::add))
                .build();
        try (Response response = send(patch, false, "Uploading blob " + blob.digest())) {
          if (response.code() == 413) {
            throw new TooLarge();
          }
          if (response.code() != 202 && response.code() != 201 && response.code() != 204) {
            throw http.failure(response, "Uploading blob " + blob.digest());
          }
          location = locationOr(response, location);
        }
        complete(blob, location, RequestBody.create(new byte[0], null));
        return false;
      }

      // 2. PATCH <location> with Content-Range, part by part; 3. PUT the last part with the digest.
      long offset = 0;
      while (blob.size() - offset > chunkSize) {
        Request patch =
            new Request.Builder()
                .url(location)
                .header("Content-Range", offset + "-" + (offset + chunkSize - 1))
                .patch(new StreamBody(in, chunkSize, progress::add))
                .build();
        try (Response response = send(patch, false, "Uploading a part of blob " + blob.digest())) {
          if (response.code() != 202 && response.code() != 201 && response.code() != 204) {
            throw http.failure(
                response,
                "Uploading bytes "
                    + offset
                    + " to "
                    + (offset + chunkSize - 1)
                    + " of blob "
                    + blob.digest());
          }
          location = locationOr(response, location);
        }
        offset += chunkSize;
      }
      complete(blob, location, new StreamBody(in, blob.size() - offset, progress::add));
      return false;
    }
  }

  /** PUT {@code location?digest=} with the last bytes (or none), and check the stored digest. */
  private void complete(Descriptor blob, HttpUrl location, RequestBody body)
      throws IOException, RetryableStep {
    HttpUrl url =
        location.newBuilder().addQueryParameter("digest", blob.digest().toString()).build();
    Request put = new Request.Builder().url(url).put(body).build();
    try (Response response =
        send(put, body.contentLength() == 0, "Completing the upload of blob " + blob.digest())) {
      if (response.code() != 201 && response.code() != 204 && response.code() != 200) {
        throw http.failure(response, "Completing the upload of blob " + blob.digest());
      }
      checkDigestHeader(response, blob.digest(), "uploaded blob");
    }
  }

  /** Sends one step of a session and throws {@link RetryableStep} on a retryable status. */
  private Response send(Request request, boolean replayable, String action)
      throws IOException, RetryableStep {
    Response response = http.send(request, scope, replayable);
    if (RegistryHttp.isRetryableStatus(response.code())) {
      Duration delay = http.delayAfter(1, response);
      throw new RetryableStep(http.failure(response, action), delay);
    }
    return response;
  }

  /** Returns whether the repository has the blob, with {@code HEAD}. */
  boolean exists(Digest digest) {
    Request head =
        new Request.Builder()
            .url(http.url(target.registry(), "/v2/" + target.repository() + "/blobs/" + digest))
            .head()
            .build();
    try (Response response = http.execute(head, scope)) {
      if (response.code() == 200) {
        return true;
      }
      if (response.code() == 404) {
        return false;
      }
      throw http.failure(response, "Checking blob " + digest + " in " + target.repository());
    }
  }

  /**
   * Stores a manifest under {@code reference}, a tag or a digest. A tag that already names this
   * manifest is left alone, so an immutable tag can be pushed again with the same image.
   */
  void putManifest(Manifest manifest, String reference) {
    boolean byTag = !reference.startsWith("sha256:");
    if (byTag && manifest.digest().equals(currentDigest(reference))) {
      listener.onEvent(
          new ProgressEvent(
              ProgressEvent.Kind.MANIFEST,
              manifest.digest(),
              manifest.bytes().length,
              manifest.bytes().length,
              reference));
      return;
    }
    byte[] bytes = manifest.bytes();
    Request put =
        new Request.Builder()
            .url(
                http.url(
                    target.registry(), "/v2/" + target.repository() + "/manifests/" + reference))
            .put(RequestBody.create(bytes, MediaType.get(manifest.mediaType())))
            .build();
    String what =
        "manifest "
            + manifest.digest()
            + " as "
            + target.registry()
            + "/"
            + target.repository()
            + ":"
            + reference;
    try (Response response = http.execute(put, scope)) {
      if (response.code() == 201 || response.code() == 200) {
        checkDigestHeader(response, manifest.digest(), "manifest");
        if (manifest.subject().isPresent() && response.header("OCI-Subject") == null) {
          addToReferrersTag(manifest);
        }
        listener.onEvent(
            new ProgressEvent(
                ProgressEvent.Kind.MANIFEST,
                manifest.digest(),
                bytes.length,
                bytes.length,
                byTag ? reference : ""));
        return;
      }
      RegistryException failure = http.failure(response, "Pushing " + what);
      if (byTag && isImmutableTag(failure)) {
        // Another client may have pushed the same image in between, which counts as a success.
        if (manifest.digest().equals(currentDigest(reference))) {
          return;
        }
        throw new TagImmutableException(
            "The tag '"
                + reference
                + "' of "
                + target.registry()
                + "/"
                + target.repository()
                + " is immutable and names another image, so "
                + manifest.digest()
                + " cannot be pushed under it; push under a new tag. Registry message: "
                + failure.getMessage(),
            failure.statusCode(),
            failure.errorCode());
      }
      throw failure;
    } catch (IOException e) {
      throw new RegistryException("Pushing " + what + " failed: " + e, 0, "", e);
    }
  }

  /** Returns the digest that {@code tag} points to now, or null when the registry returns none. */
  private @Nullable Digest currentDigest(String tag) {
    Request head =
        new Request.Builder()
            .url(http.url(target.registry(), "/v2/" + target.repository() + "/manifests/" + tag))
            .header("Accept", MediaTypes.MANIFEST_ACCEPT)
            .head()
            .build();
    try (Response response = http.execute(head, scope)) {
      String digest = response.header("Docker-Content-Digest");
      if (response.code() != 200 || digest == null) {
        return null;
      }
      return Digest.parse(digest);
    }
  }

  private static boolean isImmutableTag(RegistryException failure) {
    return failure.errorCode().equals("TAG_INVALID")
        || String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("immutable");
  }

  /**
   * Adds {@code manifest} to the index under the {@code sha256-<hex>} tag of its subject, the
   * fallback of the OCI distribution specification for registries without a referrers API.
   */
  private void addToReferrersTag(Manifest manifest) throws IOException {
    Descriptor subject = manifest.subject().orElseThrow();
    ImageReference tagReference = target.withTag(referrersTag(subject.digest()));
    ImageIndex current = referrersTagIndex(http, tagReference);
    List<Descriptor> entries = new ArrayList<>(current.manifests());
    boolean present = entries.stream().anyMatch(entry -> entry.digest().equals(manifest.digest()));
    if (present) {
      return;
    }
    entries.add(manifest.descriptor().withAnnotations(manifest.annotations()));
    ImageIndex updated = ImageIndex.of(entries);
    Request put =
        new Request.Builder()
            .url(
                http.url(
                    target.registry(),
                    "/v2/" + target.repository() + "/manifests/" + tagReference.tag()))
            .put(RequestBody.create(updated.bytes(), MediaType.get(MediaTypes.OCI_INDEX)))
            .build();
    try (Response response = http.execute(put, scope)) {
      if (response.code() != 201 && response.code() != 200) {
        throw http.failure(response, "Updating the referrers tag " + tagReference);
      }
    }
  }

  static String referrersTag(Digest subject) {
    return subject.algorithm() + "-" + subject.hex();
  }

  /** Returns the index under a referrers tag, or an empty index when the tag does not exist. */
  static ImageIndex referrersTagIndex(RegistryHttp http, ImageReference tagReference) {
    if (RemoteImageProbe.exists(http, tagReference)) {
      Manifest manifest =
          RemoteImage.fetchManifest(
              http, tagReference, Objects.requireNonNull(tagReference.tag()), null);
      if (manifest instanceof ImageIndex) {
        return (ImageIndex) manifest;
      }
    }
    return ImageIndex.of(List.of(), Map.of());
  }

  private static void checkDigestHeader(Response response, Digest expected, String what) {
    String header = response.header("Docker-Content-Digest");
    if (header == null) {
      // NOTE: a registry that sends no digest header is trusted; distribution and ECR always send
      // it.
      return;
    }
    Digest stored;
    try {
      stored = Digest.parse(header.trim());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "The registry returned an invalid Docker-Content-Digest '" + header + "' for the " + what,
          response.code(),
          "DIGEST_INVALID",
          e);
    }
    if (!stored.equals(expected)) {
      throw RemoteImage.digestMismatch("stored " + what, expected, stored);
    }
  }

  private HttpUrl uploadsUrl() {
    return http.url(target.registry(), "/v2/" + target.repository() + "/blobs/uploads/");
  }

  private static Request post(HttpUrl url) {
    return new Request.Builder().url(url).post(RequestBody.create(new byte[0], null)).build();
  }

  private HttpUrl location(Response response) {
    String header = response.header("Location");
    HttpUrl resolved = header == null ? null : response.request().url().resolve(header);
    if (resolved == null) {
      throw new RegistryException(
          "The registry started an upload without a valid Location header ('" + header + "')",
          response.code(),
          "",
          null);
    }
    return resolved;
  }

  private HttpUrl locationOr(Response response, HttpUrl current) {
    return response.header("Location") == null ? current : location(response);
  }
}
