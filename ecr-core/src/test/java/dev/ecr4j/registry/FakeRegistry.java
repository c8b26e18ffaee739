package dev.ecr4j.registry;

import dev.ecr4j.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A registry for MockWebServer with ECR's quirks and injectable faults, for what a real registry
 * does not produce on demand: 429 with Retry-After, 5xx mid-upload, 413, parts under 5 MiB, expired
 * tokens, wrong digests, immutable tags and dropped downloads.
 */
final class FakeRegistry extends Dispatcher {

  static final String EXPIRED_MESSAGE =
      "Your authorization token has expired. Reauthenticate and try again.";
  private static final long MIN_PART = 5L * 1024 * 1024;

  private record Fault(String method, String pathPart, MockResponse response) {}

  private record Stored(byte[] bytes, String mediaType) {}

  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  // Blobs are stored once but visible per repository, as in a real registry: "repository@digest".
  private final Set<String> links = ConcurrentHashMap.newKeySet();
  private final Map<String, Stored> manifests = new ConcurrentHashMap<>();
  private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> partSizes = new ConcurrentHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> contentRanges = new CopyOnWriteArrayList<>();
  final Set<String> immutableRepositories = new HashSet<>();
  final Set<String> expiredAuthorizations = ConcurrentHashMap.newKeySet();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  volatile long monolithicLimit = Long.MAX_VALUE;
  volatile boolean wrongBlobDigest;
  volatile boolean dropFirstBlobDownload;

  /**
   * When set, the first single-request upload above 5 MiB loses its connection, as behind a proxy.
   */
  volatile boolean dropLargeUploadOnce;

  volatile @Nullable String requiredAuthorizationPrefix;

  /** When set, the registry wants Bearer tokens from its /token endpoint, as Docker Hub does. */
  volatile boolean bearer;

  final List<String> tokenScopes = new CopyOnWriteArrayList<>();

  /** When set, the registry serves the OCI 1.1 referrers API and returns OCI-Subject. */
  volatile boolean referrersApi;

  private final Map<String, List<String>> referrers = new ConcurrentHashMap<>();

  /**
   * Returns {@code response} for the next request whose method is {@code method} and path contains
   * {@code pathPart}.
   */
  synchronized void fault(String method, String pathPart, MockResponse response) {
    faults.add(new Fault(method, pathPart, response));
  }

  long count(String methodAndPathPart) {
    return requests.stream()
        .filter(
            line ->
                line.startsWith(methodAndPathPart.split(" ")[0])
                    && line.contains(methodAndPathPart.split(" ", 2)[1]))
        .count();
  }

  static MockResponse error(int status, String code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = route(request);
    if (!request.getMethod().equals("HEAD")) {
      return response;
    }
    // A response to HEAD has no body, as on a real registry.
    int code = Integer.parseInt(response.getStatus().split(" ")[1]);
    MockResponse head = new MockResponse().setResponseCode(code);
    for (String name :
        List.of("Content-Length", "Docker-Content-Digest", "Content-Type", "WWW-Authenticate")) {
      String value = response.getHeaders().get(name);
      if (value != null) {
        head.setHeader(name, value);
      }
    }
    return head;
  }

  private MockResponse route(RecordedRequest request) {
    String method = request.getMethod();
    HttpUrl url = request.getRequestUrl();
    String path = url.encodedPath();
    requests.add(method + " " + path);
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      authorizations.add(authorization);
    }

    MockResponse injected = nextFault(method, path);
    if (injected != null) {
      return injected;
    }
    if (bearer) {
      if (path.equals("/token")) {
        String scope = String.valueOf(url.queryParameter("scope"));
        tokenScopes.add(scope);
        return new MockResponse()
            .setBody("{\"token\":\"t-" + scope.hashCode() + "\",\"expires_in\":300}");
      }
      if (authorization == null || !authorization.startsWith("Bearer t-")) {
        String realm = "http://" + url.host() + ":" + url.port() + "/token";
        return error(401, "UNAUTHORIZED", "authentication required")
            .setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake\"");
      }
      if (path.equals("/v2/")) {
        return new MockResponse();
      }
    }
    String required = requiredAuthorizationPrefix;
    if (required != null && !path.equals("/v2/")) {
      if (authorization == null || !authorization.startsWith(required)) {
        return error(401, "UNAUTHORIZED", "Not Authorized")
            .setHeader("WWW-Authenticate", "Basic realm=\"fake\",service=\"ecr.amazonaws.com\"");
      }
      if (expiredAuthorizations.contains(authorization)) {
        return error(403, "DENIED", EXPIRED_MESSAGE);
      }
    }
    if (path.equals("/v2/")) {
      return required == null
          ? new MockResponse()
          : new MockResponse()
              .setResponseCode(401)
              .setHeader("WWW-Authenticate", "Basic realm=\"fake\"");
    }
    String rest = path.substring("/v2/".length());
    if (rest.contains("/blobs/uploads/")) {
      return upload(method, url, rest, request);
    }
    if (rest.contains("/blobs/")) {
      String repository = rest.substring(0, rest.indexOf("/blobs/"));
      return blob(method, repository, rest.substring(rest.indexOf("/blobs/") + 7), request);
    }
    if (rest.contains("/referrers/") && referrersApi) {
      String subject = rest.substring(rest.indexOf("/referrers/") + 11);
      String entries = String.join(",", referrers.getOrDefault(subject, List.of()));
      return new MockResponse()
          .setHeader("Content-Type", "application/vnd.oci.image.index.v1+json")
          .setBody(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                  + "\"manifests\":["
                  + entries
                  + "]}");
    }
    if (rest.contains("/manifests/")) {
      String repository = rest.substring(0, rest.indexOf("/manifests/"));
      return manifest(
          method, repository, rest.substring(rest.indexOf("/manifests/") + 11), request);
    }
    return error(404, "NAME_UNKNOWN", "unknown path " + path);
  }

  private synchronized @Nullable MockResponse nextFault(String method, String path) {
    for (Fault fault : faults) {
      if (fault.method().equals(method) && path.contains(fault.pathPart())) {
        faults.remove(fault);
        return fault.response();
      }
    }
    return null;
  }

  private MockResponse upload(String method, HttpUrl url, String rest, RecordedRequest request) {
    String repository = rest.substring(0, rest.indexOf("/blobs/uploads/"));
    String session = rest.substring(rest.indexOf("/blobs/uploads/") + 15);
    if (method.equals("POST")) {
      String id = UUID.randomUUID().toString();
      uploads.put(id, new ByteArrayOutputStream());
      partSizes.put(id, new ArrayList<>());
      return new MockResponse()
          .setResponseCode(202)
          .setHeader("Location", "/v2/" + repository + "/blobs/uploads/" + id)
          .setHeader("Docker-Upload-UUID", id);
    }
    ByteArrayOutputStream data = uploads.get(session);
    List<Long> parts = partSizes.get(session);
    if (data == null || parts == null) {
      return error(404, "BLOB_UPLOAD_UNKNOWN", "upload " + session + " unknown");
    }
    Buffer body = request.getBody();
    long size = body.size();
    if (method.equals("PATCH")) {
      String range = request.getHeader("Content-Range");
      if (range == null && size > MIN_PART && dropLargeUploadOnce) {
        dropLargeUploadOnce = false;
        return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      }
      if (range == null && size > monolithicLimit) {
        return new MockResponse().setResponseCode(413).setBody("Request Entity Too Large");
      }
      if (range != null) {
        contentRanges.add(range);
      }
      data.writeBytes(body.readByteArray());
      parts.add(size);
      return new MockResponse()
          .setResponseCode(202)
          .setHeader("Location", "/v2/" + repository + "/blobs/uploads/" + session)
          .setHeader("Range", "0-" + (data.size() - 1));
    }
    if (method.equals("PUT")) {
      data.writeBytes(body.readByteArray());
      if (size > 0) {
        parts.add(size);
      }
      for (int i = 0; i < parts.size() - 1; i++) {
        if (parts.get(i) < MIN_PART) {
          return error(
              400,
              "BLOB_UPLOAD_INVALID",
              "All layer parts except the last part should be at least 5MB");
        }
      }
      byte[] content = data.toByteArray();
      String expected = url.queryParameter("digest");
      Digest actual = Digest.sha256(content);
      if (!actual.toString().equals(expected)) {
        return error(400, "DIGEST_INVALID", "digest mismatch");
      }
      blobs.put(actual.toString(), content);
      links.add(repository + "@" + actual);
      uploads.remove(session);
      String reported =
          wrongBlobDigest ? Digest.sha256(new byte[] {1}).toString() : actual.toString();
      return new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", reported);
    }
    return error(405, "UNSUPPORTED", method);
  }

  private static @Nullable String subjectOf(byte[] manifest) {
    dev.ecr4j.oci.Manifest parsed = dev.ecr4j.oci.Manifest.parse(manifest, null);
    return parsed.subject().map(subject -> subject.digest().toString()).orElse(null);
  }

  private static String artifactTypeOf(byte[] manifest) {
    return dev.ecr4j.oci.Manifest.parse(manifest, null).artifactType().orElse("");
  }

  private MockResponse blob(
      String method, String repository, String digest, RecordedRequest request) {
    byte[] content = blobs.get(digest);
    if (content == null || !links.contains(repository + "@" + digest)) {
      return error(404, "BLOB_UNKNOWN", "blob unknown");
    }
    if (method.equals("HEAD")) {
      return new MockResponse()
          .setHeader("Content-Length", content.length)
          .setHeader("Docker-Content-Digest", digest);
    }
    String range = request.getHeader("Range");
    if (range != null) {
      int start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
      byte[] tail = java.util.Arrays.copyOfRange(content, start, content.length);
      return new MockResponse()
          .setResponseCode(206)
          .setHeader(
              "Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length)
          .setBody(new Buffer().write(tail));
    }
    MockResponse response = new MockResponse().setBody(new Buffer().write(content));
    if (dropFirstBlobDownload) {
      dropFirstBlobDownload = false;
      response.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
    }
    return response;
  }

  private MockResponse manifest(
      String method, String repository, String reference, RecordedRequest request) {
    String key = repository + ":" + reference;
    if (method.equals("PUT")) {
      byte[] bytes = request.getBody().readByteArray();
      Digest digest = Digest.sha256(bytes);
      boolean isTag = !reference.startsWith("sha256:");
      Stored existing = manifests.get(key);
      if (isTag && existing != null && immutableRepositories.contains(repository)) {
        return error(
            400,
            "TAG_INVALID",
            "The image tag '"
                + reference
                + "' already exists in the '"
                + repository
                + "' repository and cannot be overwritten because the tag is immutable.");
      }
      Stored stored = new Stored(bytes, String.valueOf(request.getHeader("Content-Type")));
      manifests.put(key, stored);
      manifests.put(repository + ":" + digest, stored);
      MockResponse created =
          new MockResponse()
              .setResponseCode(201)
              .setHeader("Docker-Content-Digest", digest.toString());
      String subject = subjectOf(bytes);
      if (referrersApi && subject != null) {
        String entry =
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + digest
                + "\",\"size\":"
                + bytes.length
                + ",\"artifactType\":\""
                + artifactTypeOf(bytes)
                + "\"}";
        referrers.computeIfAbsent(subject, absent -> new CopyOnWriteArrayList<>()).add(entry);
        created.setHeader("OCI-Subject", subject);
      }
      return created;
    }
    Stored stored = manifests.get(key);
    if (stored == null) {
      return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
    }
    MockResponse response =
        new MockResponse()
            .setHeader("Content-Type", stored.mediaType())
            .setHeader("Docker-Content-Digest", Digest.sha256(stored.bytes()).toString());
    if (method.equals("HEAD")) {
      return response.setHeader("Content-Length", stored.bytes().length);
    }
    return response.setBody(new Buffer().write(stored.bytes()));
  }
}
