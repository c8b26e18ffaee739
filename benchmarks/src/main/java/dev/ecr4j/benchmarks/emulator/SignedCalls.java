package dev.ecr4j.benchmarks.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Builds ECR control-plane requests signed with SigV4 by the SDK's signer, as raw HTTP/1.1 bytes. A
 * signature stays valid for the 15 minutes the emulator allows, so a request can be sent many times
 * within that window.
 */
final class SignedCalls {

  private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

  private SignedCalls() {}

  /**
   * Returns the signed headers of {@code operation} with {@code body} to 127.0.0.1:{@code port}.
   */
  static List<String> headers(int port, String operation, String body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1:" + port + "/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("test", "test"))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    List<String> headers = new ArrayList<>();
    signed
        .request()
        .forEachHeader((name, values) -> values.forEach(value -> headers.add(name + ": " + value)));
    return headers;
  }

  /** Returns the complete HTTP/1.1 request: request line, signed headers, length and body. */
  static byte[] request(int port, String operation, String body) {
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
    for (String header : headers(port, operation, body)) {
      head.append(header).append("\r\n");
    }
    head.append("Content-Length: ").append(bodyBytes.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[headBytes.length + bodyBytes.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
    return request;
  }
}
