package dev.ecr4j.registry;

import dev.ecr4j.oci.BlobWriter;
import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.Digest;
import dev.ecr4j.oci.ImageSource;
import dev.ecr4j.oci.Manifest;
import dev.ecr4j.oci.MediaTypes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Image in a registry, read as an {@link ImageSource}. The root manifest is fetched when the image
 * is opened, and everything else on demand.
 */
final class RemoteImage implements ImageSource {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final RegistryHttp http;
  private final ImageReference reference;
  private final RegistryHttp.Scope scope;
  private final Manifest root;

  private RemoteImage(RegistryHttp http, ImageReference reference, Manifest root) {
    this.http = http;
    this.reference = reference;
    this.scope = new RegistryHttp.Scope(reference.registry(), reference.repository(), false);
    this.root = root;
  }

  /** Fetches the manifest that {@code reference} points to and returns the image. */
  static RemoteImage open(RegistryHttp http, ImageReference reference) {
    Manifest root =
        fetchManifest(http, reference, reference.manifestReference(), reference.digest());
    return new RemoteImage(http, reference, root);
  }

  ImageReference reference() {
    return reference;
  }

  /** Returns this image with {@code manifest}, one of its children, as the root. */
  RemoteImage withRoot(Manifest manifest) {
    return new RemoteImage(http, reference, manifest);
  }

  @Override
  public Manifest manifest() {
    return root;
  }

  @Override
  public Manifest manifest(Descriptor descriptor) {
    return fetchManifest(http, reference, descriptor.digest().toString(), descriptor.digest());
  }

  /**
   * Opens a blob as a stream. The request is retried until a response arrives. A stream that breaks
   * midway is not resumed here, because the upload reading it restarts anyway.
   */
  @Override
  public InputStream openBlob(Descriptor descriptor) {
    Request request = blobRequest(descriptor.digest(), 0);
    Response response = http.execute(request, scope);
    if (response.code() != 200) {
      throw http.failure(response, "Downloading blob " + descriptor.digest() + " of " + reference);
    }
    ResponseBody body = Objects.requireNonNull(response.body());
    return new FilterInputStream(body.byteStream()) {
      @Override
      public void close() throws IOException {
        response.close();
      }
    };
  }

  /**
   * Downloads a blob into {@code writer}, resuming with a {@code Range} request after a broken
   * connection, and commits it, which verifies size and digest.
   */
  void download(Descriptor descriptor, BlobWriter writer, Progress progress) throws IOException {
    boolean serverFailure = false;
    for (int attempt = 1; ; attempt++) {
      Request request = blobRequest(descriptor.digest(), writer.written());
      Response response;
      try {
        response = http.send(request, scope, true);
      } catch (IOException e) {
        serverFailure = true;
        if (attempt >= http.attemptLimit(serverFailure)) {
          throw RegistryHttp.unreachable(request, attempt, e);
        }
        http.pause(http.backoff(attempt, false));
        continue;
      }
      try {
        if (RegistryHttp.isRetryableStatus(response.code())) {
          serverFailure |= !RegistryHttp.isThrottling(response.code());
        }
        if (RegistryHttp.isRetryableStatus(response.code())
            && attempt < http.attemptLimit(serverFailure)) {
          http.pause(http.delayAfter(attempt, response));
          continue;
        }
        if (response.code() == 200 && writer.written() > 0) {
          // The server ignored the Range header, so the download starts over.
          writer.restart();
          progress.reset(0);
        } else if (response.code() != 200 && response.code() != 206) {
          throw http.failure(
              response, "Downloading blob " + descriptor.digest() + " of " + reference);
        }
        ResponseBody body = Objects.requireNonNull(response.body());
        try (InputStream in = body.byteStream()) {
          byte[] buffer = new byte[BUFFER_SIZE];
          for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            writer.write(buffer, 0, read);
            progress.add(read);
          }
        } catch (IOException e) {
          serverFailure = true;
          if (attempt >= http.attemptLimit(serverFailure)) {
            throw e;
          }
          // The bytes already written stay, and the next request fetches the rest.
          continue;
        }
      } finally {
        response.close();
      }
      writer.commit();
      return;
    }
  }

  private Request blobRequest(Digest digest, long offset) {
    Request.Builder request =
        new Request.Builder()
            .url(
                http.url(
                    reference.registry(), "/v2/" + reference.repository() + "/blobs/" + digest))
            .get();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    return request.build();
  }

  /**
   * Fetches a manifest, caps its size at 4 MiB, and checks its digest against {@code expected} and
   * against the registry's {@code Docker-Content-Digest}.
   */
  static Manifest fetchManifest(
      RegistryHttp http, ImageReference image, String reference, @Nullable Digest expected) {
    RegistryHttp.Scope scope = new RegistryHttp.Scope(image.registry(), image.repository(), false);
    Request request =
        new Request.Builder()
            .url(
                http.url(image.registry(), "/v2/" + image.repository() + "/manifests/" + reference))
            .header("Accept", MediaTypes.MANIFEST_ACCEPT)
            .get()
            .build();
    String what = "manifest " + image.registry() + "/" + image.repository() + ":" + reference;
    try (Response response = http.execute(request, scope)) {
      if (response.code() != 200) {
        throw http.failure(response, "Fetching " + what);
      }
      ResponseBody body = Objects.requireNonNull(response.body());
      byte[] bytes = readCapped(body, what);
      Digest actual = Digest.sha256(bytes);
      if (expected != null && !actual.equals(expected)) {
        throw digestMismatch(what, expected, actual);
      }
      String header = response.header("Docker-Content-Digest");
      if (header != null && header.startsWith("sha256:") && !Digest.parse(header).equals(actual)) {
        throw digestMismatch(what, Digest.parse(header), actual);
      }
      return Manifest.parse(bytes, response.header("Content-Type"));
    } catch (IOException e) {
      throw new RegistryException("Reading " + what + " failed: " + e, 0, "", e);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "The registry returned an unusable " + what + ": " + e.getMessage(), 200, "", e);
    }
  }

  private static byte[] readCapped(ResponseBody body, String what) throws IOException {
    if (body.contentLength() > Manifest.MAX_SIZE) {
      throw new RegistryException(
          "The "
              + what
              + " has "
              + body.contentLength()
              + " bytes, more than the limit of "
              + Manifest.MAX_SIZE
              + " bytes (4 MiB)",
          200,
          "",
          null);
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(Manifest.MAX_SIZE + 1);
      if (bytes.length > Manifest.MAX_SIZE) {
        throw new RegistryException(
            "The " + what + " is larger than the limit of " + Manifest.MAX_SIZE + " bytes (4 MiB)",
            200,
            "",
            null);
      }
      return bytes;
    }
  }

  static RegistryException digestMismatch(String what, Digest expected, Digest actual) {
    return new RegistryException(
        "The "
            + what
            + " has digest "
            + actual
            + ", but "
            + expected
            + " was expected; the content was altered in transit or by the registry",
        200,
        "DIGEST_INVALID",
        null);
  }
}
