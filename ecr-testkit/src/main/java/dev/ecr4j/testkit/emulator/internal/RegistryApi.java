package dev.ecr4j.testkit.emulator.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry API ({@code /v2/}, the OCI Distribution API) with ECR's behaviour: Basic
 * authentication with GetAuthorizationToken's tokens, blob uploads with the 5 MiB part rule,
 * cross-repository mounts behind the {@code BLOB_MOUNTING} account setting, manifests, tags,
 * referrers and the catalog, with ECR's error codes.
 *
 * <p>Repository paths are {@code ACCOUNT/REGION/NAME}, the path part of the repository URIs that
 * CreateRepository returns, so a client addresses any registry of the emulator on one host and port
 * without DNS. The store is the control plane's: images pushed here are visible to DescribeImages
 * and the other way round.
 */
final class RegistryApi {

  /** ECR's maximum manifest size, 4 MiB. */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /** ECR's maximum layer size, 52,000 MiB. */
  static final long MAX_BLOB_BYTES = 52_000L * 1024 * 1024;

  /** ECR's maximum page of tags and repositories. */
  static final int MAX_PAGE = 1000;

  private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]*)$");
  private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
  private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([^/]+)$");

  /** ECR's repository name grammar (botocore's model). */
  private static final Pattern REPOSITORY_NAME =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,299}");

  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String EXPIRED =
      "Your authorization token has expired. Reauthenticate and try again.";

  private final EmulatorState state;

  RegistryApi(EmulatorState state) {
    this.state = state;
  }

  /** One parsed repository path: the registry and the repository name in it. */
  private record Target(String fullName, RegistryState registry, String name) {}

  /** The exchange attribute with the principal that the request's token was issued to. */
  private static final String PRINCIPAL_ATTRIBUTE = "dev.ecr4j.emulator.principal";

  /** Serves one {@code /v2/} request and closes the exchange. */
  void handle(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Docker-Distribution-Api-Version", "registry/2.0");
    try {
      String path = exchange.getRequestURI().getRawPath();
      if (!authenticate(exchange)) {
        return;
      }
      route(exchange, path);
    } catch (RegistryError error) {
      state.replicator().discardPending();
      drain(exchange);
      sendError(exchange, error);
    }
  }

  /**
   * Checks the Basic credentials: user {@code AWS} and a password from GetAuthorizationToken. Sends
   * ECR's 401 challenge when they are missing or unknown.
   *
   * @throws RegistryError {@code DENIED} when the token has expired
   */
  private boolean authenticate(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String password = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
        if (decoded.startsWith("AWS:")) {
          password = decoded.substring(4);
        }
      } catch (IllegalArgumentException e) {
        password = null;
      }
    }
    Optional<EmulatorState.AuthToken> token =
        password == null ? Optional.empty() : state.token(password);
    if (token.isEmpty()) {
      drain(exchange);
      Headers headers = exchange.getResponseHeaders();
      headers.set(
          "WWW-Authenticate",
          "Basic realm=\"http://" + state.registryHost() + "/\",service=\"ecr.amazonaws.com\"");
      sendText(exchange, 401, "text/plain; charset=utf-8", "Not Authorized\n");
      return false;
    }
    if (!state.now().isBefore(token.get().expiresAt())) {
      throw expiredToken();
    }
    exchange.setAttribute(PRINCIPAL_ATTRIBUTE, token.get().principalArn());
    return true;
  }

  static RegistryError expiredToken() {
    return new RegistryError(403, "DENIED", EXPIRED);
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    if (path.equals("/v2/") || path.equals("/v2")) {
      requireMethod(method, "GET", "HEAD");
      drain(exchange);
      sendJson(exchange, 200, Json.object(), method.equals("HEAD"));
      return;
    }
    if (path.equals("/v2/_catalog")) {
      requireMethod(method, "GET");
      drain(exchange);
      catalog(exchange);
      return;
    }

    Matcher matcher = UPLOAD.matcher(path);
    if (matcher.matches()) {
      Target target = target(matcher.group(1));
      String id = matcher.group(2);
      if (id.isEmpty()) {
        requireMethod(method, "POST");
        startUpload(exchange, target);
      } else {
        upload(exchange, target, id, method);
      }
      return;
    }

    matcher = BLOB.matcher(path);
    if (matcher.matches()) {
      drain(exchange);
      blob(exchange, target(matcher.group(1)), decode(matcher.group(2)), method);
      return;
    }

    matcher = MANIFEST.matcher(path);
    if (matcher.matches()) {
      manifest(exchange, target(matcher.group(1)), decode(matcher.group(2)), method);
      return;
    }

    matcher = TAGS.matcher(path);
    if (matcher.matches()) {
      requireMethod(method, "GET");
      drain(exchange);
      tags(exchange, target(matcher.group(1)));
      return;
    }

    matcher = REFERRERS.matcher(path);
    if (matcher.matches()) {
      requireMethod(method, "GET");
      drain(exchange);
      referrers(exchange, target(matcher.group(1)), decode(matcher.group(2)));
      return;
    }
    throw new RegistryError(
        404, "NOT_FOUND", "No registry API endpoint matches " + method + " " + path + ".");
  }

  private static void requireMethod(String method, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equals(method)) {
        return;
      }
    }
    throw new RegistryError(
        405,
        "UNSUPPORTED",
        "The method "
            + method
            + " is not supported here; use "
            + String.join(" or ", allowed)
            + ".");
  }

  /**
   * Parses {@code ACCOUNT/REGION/NAME}.
   *
   * @throws RegistryError {@code NAME_INVALID} for another form, {@code NAME_UNKNOWN} when the
   *     repository does not exist
   */
  private Target target(String rawName) {
    String fullName = decode(rawName);
    String[] parts = fullName.split("/", 3);
    if (parts.length < 3
        || !parts[0].matches("[0-9]{12}")
        || !parts[1].matches("[a-z0-9-]{2,25}")) {
      throw new RegistryError(
          400,
          "NAME_INVALID",
          "Invalid repository path '"
              + fullName
              + "': the emulator serves repositories as ACCOUNT/REGION/NAME, the path of the"
              + " repository URI, for example 000000000000/us-east-1/app.");
    }
    String name = parts[2];
    if (name.length() < 2 || name.length() > 256 || !REPOSITORY_NAME.matcher(name).matches()) {
      throw new RegistryError(
          400,
          "NAME_INVALID",
          "Invalid repository name '"
              + name
              + "': it must be 2 to 256 characters of lowercase letters, digits, and . _ - /"
              + " separators.");
    }
    return new Target(fullName, state.registry(parts[0], parts[1]), name);
  }

  /**
   * Returns the repository, creating it when a CREATE_ON_PUSH template applies and {@code push}.
   */
  private RepositoryState repository(Target target, boolean push) {
    RegistryState registry = target.registry();
    RepositoryState repository = registry.repositories().get(target.name());
    if (repository == null && push) {
      Optional<ObjectNode> template =
          RepositoryFactory.template(registry, target.name(), "CREATE_ON_PUSH");
      if (template.isPresent()) {
        repository =
            RepositoryFactory.create(state, registry, target.name(), template.get(), state.now());
      }
    }
    if (repository == null) {
      throw new RegistryError(
          404,
          "NAME_UNKNOWN",
          "The repository with name '"
              + target.name()
              + "' does not exist in the registry with id '"
              + registry.registryId()
              + "'");
    }
    return repository;
  }

  // Blobs ----------------------------------------------------------------------------------------

  private void blob(HttpExchange exchange, Target target, String digest, String method)
      throws IOException {
    requireMethod(method, "GET", "HEAD", "DELETE");
    checkDigest(digest);
    RegistryState registry = target.registry();
    synchronized (registry) {
      RepositoryState repository = repository(target, false);
      if (method.equals("DELETE")) {
        throw new RegistryError(
            405,
            "UNSUPPORTED",
            "ECR does not delete blobs through the registry API; delete the images instead.");
      }
      if (!repository.blobs().contains(digest)) {
        throw blobUnknown(digest);
      }
    }
    Path file = state.blobs().find(digest).orElseThrow(() -> blobUnknown(digest));
    long size = Files.size(file);
    Headers headers = exchange.getResponseHeaders();
    headers.set("Docker-Content-Digest", digest);
    headers.set("Content-Type", "application/octet-stream");
    headers.set("Accept-Ranges", "bytes");
    long start = 0;
    long end = size - 1;
    int status = 200;
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range != null && method.equals("GET")) {
      Matcher matcher = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range.trim());
      long first = matcher.matches() ? bytePosition(matcher.group(1)) : size;
      long last =
          matcher.matches() && !matcher.group(2).isEmpty() ? bytePosition(matcher.group(2)) : end;
      if (first >= size || last < first) {
        headers.set("Content-Range", "bytes */" + size);
        throw new RegistryError(
            416,
            "BLOB_UNKNOWN",
            "The range '" + range + "' is not inside the blob of " + size + " bytes.");
      }
      start = first;
      end = Math.min(end, last);
      status = 206;
      headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    long length = Math.max(0, end - start + 1);
    if (method.equals("HEAD")) {
      headers.set("Content-Length", Long.toString(size));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length > 0) {
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = exchange.getResponseBody()) {
        in.skipNBytes(start);
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
          int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
          if (read < 0) {
            break;
          }
          out.write(buffer, 0, read);
          remaining -= read;
        }
      }
    }
  }

  private static RegistryError blobUnknown(String digest) {
    return new RegistryError(
        404, "BLOB_UNKNOWN", "The blob " + digest + " does not exist in this repository.");
  }

  private static void checkDigest(String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new RegistryError(
          400,
          "DIGEST_INVALID",
          "Invalid digest '"
              + digest
              + "': expected ALGORITHM:HEX, such as sha256:<64 hex digits>.");
    }
    if (!BlobStore.SHA256_DIGEST.matcher(digest).matches()) {
      throw new RegistryError(
          400,
          "DIGEST_INVALID",
          "Unsupported digest '"
              + digest
              + "': ECR accepts sha256 digests of 64 lowercase hex digits.");
    }
  }

  private void startUpload(HttpExchange exchange, Target target) throws IOException {
    Map<String, String> query = query(exchange);
    RegistryState registry = target.registry();
    String mount = query.get("mount");
    String from = query.get("from");
    synchronized (registry) {
      RepositoryState repository = repository(target, true);
      if (mount != null && from != null && mountable(registry, mount, from)) {
        repository.blobs().add(mount);
        drain(exchange);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Location", "/v2/" + target.fullName() + "/blobs/" + mount);
        headers.set("Docker-Content-Digest", mount);
        sendText(exchange, 201, null, "");
        return;
      }
    }

    BlobStore.Upload upload =
        state.blobs().start(registry.registryId(), registry.region(), target.name());
    String digest = query.get("digest");
    if (digest != null) {
      // A monolithic upload: the whole blob in the POST.
      appendBody(exchange, upload);
      finishUpload(exchange, target, upload, digest);
      return;
    }
    appendBody(exchange, upload);
    Headers headers = exchange.getResponseHeaders();
    headers.set("Location", uploadLocation(target, upload));
    headers.set("Docker-Upload-UUID", upload.id());
    headers.set("Range", range(upload));
    headers.set("OCI-Chunk-Min-Length", Long.toString(BlobStore.MIN_PART_SIZE));
    sendText(exchange, 202, null, "");
  }

  /**
   * Returns true when {@code digest} may be mounted from {@code from}: the account setting
   * BLOB_MOUNTING is ENABLED, the source is a repository of the same registry, and one of its
   * images references the blob. Otherwise ECR starts an ordinary upload.
   */
  private boolean mountable(RegistryState registry, String digest, String from) {
    if (!RegistryOperations.accountSetting(registry, "BLOB_MOUNTING").equals("ENABLED")) {
      return false;
    }
    String prefix = registry.registryId() + "/" + registry.region() + "/";
    String sourceName = from.startsWith(prefix) ? from.substring(prefix.length()) : from;
    RepositoryState source = registry.repositories().get(sourceName);
    if (source == null || !source.blobs().contains(digest)) {
      return false;
    }
    for (ImageRecord image : source.images()) {
      if (image.blobDigests().contains(digest)) {
        return state.blobs().find(digest).isPresent();
      }
    }
    return false;
  }

  private void upload(HttpExchange exchange, Target target, String id, String method)
      throws IOException {
    requireMethod(method, "GET", "PATCH", "PUT", "DELETE");
    RegistryState registry = target.registry();
    synchronized (registry) {
      repository(target, false);
    }
    BlobStore.Upload upload =
        state
            .blobs()
            .upload(id)
            .filter(u -> u.belongsTo(registry.registryId(), registry.region(), target.name()))
            .orElseThrow(
                () ->
                    new RegistryError(
                        404,
                        "BLOB_UPLOAD_UNKNOWN",
                        "The upload "
                            + id
                            + " does not exist in this repository; start a new one."));
    Headers headers = exchange.getResponseHeaders();
    switch (method) {
      case "GET" -> {
        drain(exchange);
        headers.set("Location", uploadLocation(target, upload));
        headers.set("Range", range(upload));
        headers.set("Docker-Upload-UUID", upload.id());
        sendText(exchange, 204, null, "");
      }
      case "DELETE" -> {
        drain(exchange);
        state.blobs().cancel(id);
        sendText(exchange, 204, null, "");
      }
      case "PATCH" -> {
        String contentRange = exchange.getRequestHeaders().getFirst("Content-Range");
        if (contentRange != null) {
          Matcher matcher =
              Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)").matcher(contentRange.trim());
          if (!matcher.matches() || bytePosition(matcher.group(1)) != upload.size()) {
            drain(exchange);
            headers.set("Location", uploadLocation(target, upload));
            headers.set("Range", range(upload));
            throw new RegistryError(
                416,
                "BLOB_UPLOAD_INVALID",
                "The chunk's Content-Range '"
                    + contentRange
                    + "' does not start at the end of the upload ("
                    + upload.size()
                    + " bytes received); send the next chunk from byte "
                    + upload.size()
                    + ".");
          }
        }
        appendBody(exchange, upload);
        headers.set("Location", uploadLocation(target, upload));
        headers.set("Range", range(upload));
        headers.set("Docker-Upload-UUID", upload.id());
        sendText(exchange, 202, null, "");
      }
      default -> {
        String digest = query(exchange).get("digest");
        if (digest == null) {
          drain(exchange);
          throw new RegistryError(
              400,
              "DIGEST_INVALID",
              "The digest query parameter is missing: finish an upload with PUT ...?digest=sha256:<hex>.");
        }
        appendBody(exchange, upload);
        finishUpload(exchange, target, upload, digest);
      }
    }
  }

  private void finishUpload(
      HttpExchange exchange, Target target, BlobStore.Upload upload, String digest)
      throws IOException {
    try {
      checkDigest(digest);
    } catch (RegistryError e) {
      state.blobs().cancel(upload.id());
      throw e;
    }
    if (upload.hasSmallPart()) {
      state.blobs().cancel(upload.id());
      throw new RegistryError(
          400,
          "BLOB_UPLOAD_INVALID",
          "All layer parts except the last part should be at least 5MB");
    }
    String actual = upload.digest();
    if (!actual.equals(digest)) {
      state.blobs().cancel(upload.id());
      throw new RegistryError(
          400,
          "DIGEST_INVALID",
          "The uploaded content has digest "
              + actual
              + ", not the "
              + digest
              + " the request names.");
    }
    state.blobs().commit(upload, digest);
    RegistryState registry = target.registry();
    synchronized (registry) {
      repository(target, false).blobs().add(digest);
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Location", "/v2/" + target.fullName() + "/blobs/" + digest);
    headers.set("Docker-Content-Digest", digest);
    sendText(exchange, 201, null, "");
  }

  private static void appendBody(HttpExchange exchange, BlobStore.Upload upload)
      throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      upload.append(in, MAX_BLOB_BYTES - upload.size());
    } catch (BlobStore.PartTooLargeException e) {
      throw new RegistryError(
          400, "SIZE_INVALID", "The blob is larger than ECR's maximum layer size of 52,000 MiB.");
    }
  }

  private static String uploadLocation(Target target, BlobStore.Upload upload) {
    return "/v2/" + target.fullName() + "/blobs/uploads/" + upload.id();
  }

  /** Parses the digits of a byte position; a number beyond {@code long} is past any blob's end. */
  private static long bytePosition(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String range(BlobStore.Upload upload) {
    return "0-" + Math.max(0, upload.size() - 1);
  }

  // Manifests ------------------------------------------------------------------------------------

  private void manifest(HttpExchange exchange, Target target, String reference, String method)
      throws IOException {
    requireMethod(method, "GET", "HEAD", "PUT", "DELETE");
    boolean byDigest = reference.contains(":");
    if (byDigest) {
      if (!DIGEST.matcher(reference).matches()) {
        drain(exchange);
        throw new RegistryError(
            400,
            "DIGEST_INVALID",
            "Invalid digest '" + reference + "': expected ALGORITHM:HEX, such as sha256:<hex>.");
      }
    } else if (!TAG.matcher(reference).matches()) {
      drain(exchange);
      throw new RegistryError(
          400,
          "TAG_INVALID",
          "Invalid tag '"
              + reference
              + "': a tag is 1 to 300 characters of letters, digits, _ . and -, and does not start"
              + " with . or -.");
    }
    if (method.equals("PUT")) {
      putManifest(exchange, target, reference, byDigest);
      return;
    }
    drain(exchange);
    RegistryState registry = target.registry();
    ImageRecord image;
    synchronized (registry) {
      RepositoryState repository = repository(target, false);
      image =
          (byDigest ? repository.imageByDigest(reference) : repository.imageByTag(reference))
              .orElseThrow(
                  () -> new RegistryError(404, "MANIFEST_UNKNOWN", "Requested image not found"));
      if (method.equals("DELETE")) {
        deleteManifest(repository, image, reference, byDigest);
        sendText(exchange, 202, null, "");
        return;
      }
      if (image.archived()) {
        throw new RegistryError(
            404,
            "MANIFEST_UNKNOWN",
            "The image "
                + image.digest()
                + " is archived and cannot be pulled. Restore it with UpdateImageStorageClass"
                + " (targetStorageClass STANDARD) first.");
      }
      Object principal = exchange.getAttribute(PRINCIPAL_ATTRIBUTE);
      if (method.equals("GET")
          && (!(principal instanceof String arn) || target.registry().recordsPullsBy(arn))) {
        image.recordPull(state.now());
      }
    }
    byte[] body = image.manifest().getBytes(StandardCharsets.UTF_8);
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", image.mediaType());
    headers.set("Docker-Content-Digest", image.digest());
    if (method.equals("HEAD")) {
      headers.set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void deleteManifest(
      RepositoryState repository, ImageRecord image, String reference, boolean byDigest) {
    if (!byDigest && image.tags().size() > 1) {
      repository.untag(reference);
      return;
    }
    List<String> parents = repository.parentsOf(image.digest());
    if (!parents.isEmpty()) {
      throw new RegistryError(
          400,
          "UNSUPPORTED",
          "Requested image referenced by manifest list: "
              + parents
              + ". Delete the manifest list first.");
    }
    repository.deleteImage(image.digest());
  }

  private void putManifest(HttpExchange exchange, Target target, String reference, boolean byDigest)
      throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      drain(exchange);
      throw new RegistryError(
          413,
          "SIZE_INVALID",
          "The manifest is larger than ECR's maximum of " + MAX_MANIFEST_BYTES + " bytes (4 MiB).");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
      throw new RegistryError(400, "MANIFEST_INVALID", "The manifest is not valid UTF-8 JSON.");
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String mediaType = contentType == null ? null : contentType.split(";", 2)[0].trim();
    if (mediaType != null
        && (mediaType.isEmpty() || mediaType.equals("application/octet-stream"))) {
      mediaType = null;
    }
    checkManifest(text, mediaType);

    RegistryState registry = target.registry();
    ImageRecord image;
    try {
      synchronized (registry) {
        RepositoryState repository = repository(target, true);
        image =
            ImageOperations.store(
                state,
                registry,
                repository,
                new ImageOperations.ManifestPut(
                    text,
                    mediaType,
                    byDigest ? null : reference,
                    byDigest ? reference : null,
                    true),
                state.now());
      }
    } catch (AwsError error) {
      throw translate(error);
    }
    state.replicator().runPending();

    Headers headers = exchange.getResponseHeaders();
    headers.set("Location", "/v2/" + target.fullName() + "/manifests/" + image.digest());
    headers.set("Docker-Content-Digest", image.digest());
    if (image.subjectDigest() != null) {
      headers.set("OCI-Subject", image.subjectDigest());
    }
    sendText(exchange, 201, null, "");
  }

  /** Checks the structure the OCI and Docker formats require, beyond well-formed JSON. */
  private static void checkManifest(String text, @Nullable String mediaType) {
    JsonNode manifest = Json.parseDocument(text);
    if (manifest == null || !manifest.isObject()) {
      throw new RegistryError(400, "MANIFEST_INVALID", "The manifest is not a JSON object.");
    }
    int schemaVersion = manifest.path("schemaVersion").asInt(0);
    if (schemaVersion != 1 && schemaVersion != 2) {
      throw new RegistryError(
          400,
          "MANIFEST_INVALID",
          "The manifest's schemaVersion must be 2 (or 1 for Docker schema 1).");
    }
    String declared = Json.text(manifest, "mediaType");
    if (declared != null && mediaType != null && !declared.equals(mediaType)) {
      throw new RegistryError(
          400,
          "MANIFEST_INVALID",
          "The Content-Type '"
              + mediaType
              + "' does not match the manifest's mediaType '"
              + declared
              + "'.");
    }
    if (schemaVersion == 2 && !manifest.has("manifests")) {
      JsonNode config = manifest.get("config");
      if (config == null || !config.isObject() || Json.text(config, "digest") == null) {
        throw new RegistryError(
            400, "MANIFEST_INVALID", "An image manifest needs a config descriptor with a digest.");
      }
    }
    List<JsonNode> descriptors = new ArrayList<>(Json.objects(manifest, "layers"));
    descriptors.addAll(Json.objects(manifest, "manifests"));
    if (manifest.path("config").isObject()) {
      descriptors.add(manifest.path("config"));
    }
    for (JsonNode descriptor : descriptors) {
      String digest = Json.text(descriptor, "digest");
      if (digest == null || !DIGEST.matcher(digest).matches()) {
        throw new RegistryError(
            400, "MANIFEST_INVALID", "A descriptor has a missing or invalid digest: " + digest);
      }
    }
  }

  /** Maps the control plane's errors to the registry API's, as ECR's proxy does. */
  private static RegistryError translate(AwsError error) {
    return switch (error.code()) {
      case "ImageTagAlreadyExistsException" -> new RegistryError(400, "TAG_INVALID", error.text());
      case "ImageDigestDoesNotMatchException" ->
          new RegistryError(400, "DIGEST_INVALID", error.text());
      case "ReferencedImagesNotFoundException", "LayersNotFoundException" ->
          new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", error.text());
      case "InvalidParameterException" -> new RegistryError(400, "MANIFEST_INVALID", error.text());
      default -> new RegistryError(405, "UNSUPPORTED", error.text());
    };
  }

  // Listing --------------------------------------------------------------------------------------

  private void tags(HttpExchange exchange, Target target) throws IOException {
    Map<String, String> query = query(exchange);
    int n = pageSize(query.get("n"));
    String last = query.get("last");
    List<String> tags = new ArrayList<>();
    RegistryState registry = target.registry();
    synchronized (registry) {
      RepositoryState repository = repository(target, false);
      for (String tag : repository.tagNames()) {
        boolean active = repository.imageByTag(tag).map(image -> !image.archived()).orElse(false);
        if (active && (last == null || tag.compareTo(last) > 0)) {
          tags.add(tag);
        }
      }
    }

    ObjectNode body = Json.object();
    body.put("name", target.fullName());
    ArrayNode list = body.putArray("tags");
    tags.stream().limit(n).forEach(list::add);
    if (tags.size() > n) {
      String next = tags.get(n - 1);
      exchange
          .getResponseHeaders()
          .set(
              "Link",
              "</v2/"
                  + target.fullName()
                  + "/tags/list?n="
                  + n
                  + "&last="
                  + encode(next)
                  + ">; rel=\"next\"");
    }
    sendJson(exchange, 200, body, false);
  }

  /** Lists the repositories of the caller's registries as {@code ACCOUNT/REGION/NAME}. */
  private void catalog(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    int n = pageSize(query.get("n"));
    String last = query.get("last");
    List<String> names = new ArrayList<>();
    for (RegistryState registry : state.registries()) {
      synchronized (registry) {
        for (String name : registry.repositories().keySet()) {
          names.add(registry.registryId() + "/" + registry.region() + "/" + name);
        }
      }
    }
    names.sort(null);
    if (last != null) {
      names.removeIf(name -> name.compareTo(last) <= 0);
    }
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("repositories");
    names.stream().limit(n).forEach(list::add);
    if (names.size() > n) {
      exchange
          .getResponseHeaders()
          .set(
              "Link",
              "</v2/_catalog?n=" + n + "&last=" + encode(names.get(n - 1)) + ">; rel=\"next\"");
    }
    sendJson(exchange, 200, body, false);
  }

  /** Reads {@code n}: 1 to 1000, ECR's limits, rejected with ECR's error text. */
  private static int pageSize(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return MAX_PAGE;
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new RegistryError(
          400,
          "PAGINATION_NUMBER_INVALID",
          "Invalid page size n='" + value + "': expected 1 to 1000.");
    }
    if (n > MAX_PAGE) {
      throw new RegistryError(
          405,
          "UNSUPPORTED",
          "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value"
              + " less than or equal to 1000'");
    }
    if (n < 1) {
      throw new RegistryError(
          405,
          "UNSUPPORTED",
          "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value"
              + " greater than or equal to 1'");
    }
    return (int) n;
  }

  private void referrers(HttpExchange exchange, Target target, String subject) throws IOException {
    checkDigest(subject);
    String artifactType = query(exchange).get("artifactType");
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");

    RegistryState registry = target.registry();
    synchronized (registry) {
      RepositoryState repository = repository(target, false);
      for (ImageRecord image : repository.images()) {
        if (!subject.equals(image.subjectDigest()) || image.archived()) {
          continue;
        }
        if (artifactType != null && !artifactType.equals(image.artifactMediaType())) {
          continue;
        }
        ObjectNode descriptor = manifests.addObject();
        descriptor.put("mediaType", image.mediaType());
        descriptor.put("digest", image.digest());
        descriptor.put("size", image.manifest().getBytes(StandardCharsets.UTF_8).length);
        if (image.artifactMediaType() != null) {
          descriptor.put("artifactType", image.artifactMediaType());
        }
        JsonNode manifest = Json.parseDocument(image.manifest());
        if (manifest != null && manifest.path("annotations").isObject()) {
          descriptor.set("annotations", manifest.path("annotations"));
        }
      }
    }

    if (artifactType != null) {
      exchange.getResponseHeaders().set("OCI-Filters-Applied", "artifactType");
    }
    exchange.getResponseHeaders().set("Content-Type", OCI_INDEX);
    byte[] bytes = Json.write(index).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // HTTP helpers ---------------------------------------------------------------------------------

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      values.putIfAbsent(name, value);
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RegistryError(
          400, "NAME_INVALID", "The request path or query is not valid percent-encoding.");
    }
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Reads and discards what is left of the request body, so the connection can be reused. */
  private static void drain(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The client went away; sending the response fails too and the exchange closes.
    }
  }

  static void sendError(HttpExchange exchange, RegistryError error) throws IOException {
    ObjectNode body = Json.object();
    ObjectNode entry = body.putArray("errors").addObject();
    entry.put("code", error.code());
    entry.put("message", error.text());
    sendJson(exchange, error.status(), body, exchange.getRequestMethod().equals("HEAD"));
  }

  private static void sendJson(HttpExchange exchange, int status, ObjectNode body, boolean head)
      throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendText(
      HttpExchange exchange, int status, @Nullable String contentType, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      // A body written to a HEAD response fails the exchange and closes the connection, which
      // clients that reuse it (OkHttp after a 401) report as an unexpected end of stream.
      if (bytes.length > 0) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      }
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
