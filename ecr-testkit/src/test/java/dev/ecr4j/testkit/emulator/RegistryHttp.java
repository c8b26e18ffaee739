package dev.ecr4j.testkit.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Sends registry API requests to an emulator with the JDK's HTTP client and a registry token. */
final class RegistryHttp {

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;
  private final String authorization;

  RegistryHttp(EcrEmulator emulator, EcrClient ecr) {
    this.base = emulator.endpoint();
    this.authorization =
        "Basic " + ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
  }

  /** Returns the request path of a repository of account 000000000000 in us-east-1. */
  static String repo(String name) {
    return "/v2/000000000000/us-east-1/" + name;
  }

  HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return send(method, base.resolve(path), body, true, headers);
  }

  HttpResponse<byte[]> sendWithoutCredentials(String method, String path)
      throws IOException, InterruptedException {
    return send(method, base.resolve(path), new byte[0], false);
  }

  HttpResponse<byte[]> send(
      String method, URI uri, byte[] body, boolean authenticate, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (authenticate) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return send("GET", path, new byte[0]);
  }

  /** Uploads {@code blob} to repository path {@code repo} in one POST and one PUT. */
  String pushBlob(String repo, byte[] blob) throws IOException, InterruptedException {
    String digest = digest(blob);
    HttpResponse<byte[]> start = send("POST", repo + "/blobs/uploads/", new byte[0]);
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> put =
        send("PUT", base.resolve(location + "?digest=" + digest), blob, true);
    if (put.statusCode() != 201) {
      throw new AssertionError("Blob upload failed: " + put.statusCode() + " " + text(put));
    }
    return digest;
  }

  /** Puts {@code manifest} with {@code mediaType} at {@code reference}. */
  HttpResponse<byte[]> putManifest(String repo, String reference, String mediaType, String manifest)
      throws IOException, InterruptedException {
    return send(
        "PUT",
        repo + "/manifests/" + reference,
        manifest.getBytes(StandardCharsets.UTF_8),
        "Content-Type",
        mediaType);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String digest(String content) {
    return digest(content.getBytes(StandardCharsets.UTF_8));
  }
}
