package dev.ecr4j.testkit.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends hand-made, unsigned requests to an emulator, for input no SDK would produce. */
final class RawHttp {

  /** One response: the status, the body and the request id header. */
  record Response(int statusCode, String body, String requestId) {}

  private RawHttp() {}

  /** Sends {@code method} to {@code uri} with {@code headers} and {@code body}. */
  static Response send(URI uri, String method, Map<String, String> headers, String body)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod(method);
    headers.forEach(connection::setRequestProperty);
    if (method.equals("POST")) {
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = connection.getResponseCode();
    InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    String text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    String requestId = connection.getHeaderField("x-amzn-RequestId");
    connection.disconnect();
    return new Response(status, text, requestId == null ? "" : requestId);
  }

  /** Posts an awsJson call of ECR's {@code operation}. */
  static Response post(URI endpoint, String operation, String body) throws IOException {
    return send(
        endpoint,
        "POST",
        Map.of(
            "Content-Type",
            "application/x-amz-json-1.1",
            "X-Amz-Target",
            "AmazonEC2ContainerRegistry_V20150921." + operation),
        body);
  }
}
