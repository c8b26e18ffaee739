package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Checks SigV4 verification, accounts and regions, and the errors returned for malformed requests.
 */
class AuthAndProtocolTest {

  private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

  private static EcrEmulator emulator;

  @BeforeAll
  static void start() {
    emulator =
        EcrEmulator.builder()
            .credentials(
                EmulatorCredentials.DEFAULT,
                new EmulatorCredentials("AKIDSECOND", "second-secret", "111111111111"))
            .start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void unknownAccessKeyIsUnrecognized() {
    try (EcrClient ecr = SdkClients.ecr(emulator.endpoint(), "us-east-1", "nobody", "x")) {
      assertThatThrownBy(() -> ecr.describeRepositories(r -> {}))
          .isInstanceOf(EcrException.class)
          .satisfies(
              e -> {
                EcrException error = (EcrException) e;
                assertThat(error.statusCode()).isEqualTo(400);
                assertThat(error.awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
                assertThat(error.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
              });
    }
  }

  @Test
  void wrongSecretIsInvalidSignature() {
    try (EcrClient ecr = SdkClients.ecr(emulator.endpoint(), "us-east-1", "test", "wrong")) {
      assertThatThrownBy(() -> ecr.describeRepositories(r -> {}))
          .isInstanceOf(EcrException.class)
          .satisfies(
              e -> {
                EcrException error = (EcrException) e;
                assertThat(error.statusCode()).isEqualTo(400);
                assertThat(error.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidSignatureException");
                assertThat(error.awsErrorDetails().errorMessage())
                    .isEqualTo(
                        "The request signature we calculated does not match the signature you"
                            + " provided. Check your AWS Secret Access Key and signing method."
                            + " Consult the service documentation for details.");
              });
    }
  }

  @Test
  void unsignedRequestIsMissingToken() throws Exception {
    RawHttp.Response response = post("DescribeRepositories", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}");
    assertThat(response.requestId()).isNotEmpty();
  }

  @Test
  void lenientModeAcceptsAnySignature() throws Exception {
    try (EcrEmulator lenient = EcrEmulator.builder().lenientSignatures(true).start();
        EcrClient ecr = SdkClients.ecr(lenient.endpoint(), "eu-west-1", "anyone", "anything")) {
      String uri = ecr.createRepository(r -> r.repositoryName("app")).repository().repositoryUri();

      assertThat(uri).isEqualTo(lenient.registryHost() + "/000000000000/eu-west-1/app");
      assertThat(post(lenient.endpoint(), "DescribeRepositories", "{}").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void accountsAndRegionsAreSeparate() {
    try (EcrClient first = SdkClients.ecr(emulator.endpoint(), "us-east-1", "test", "test");
        EcrClient otherRegion =
            SdkClients.ecr(emulator.endpoint(), "eu-central-1", "test", "test");
        EcrClient otherAccount =
            SdkClients.ecr(emulator.endpoint(), "us-east-1", "AKIDSECOND", "second-secret")) {
      first.createRepository(r -> r.repositoryName("shared-name"));
      String second =
          otherAccount
              .createRepository(r -> r.repositoryName("shared-name"))
              .repository()
              .repositoryArn();

      assertThat(second).isEqualTo("arn:aws:ecr:us-east-1:111111111111:repository/shared-name");
      assertThatThrownBy(
              () -> otherRegion.describeRepositories(r -> r.repositoryNames("shared-name")))
          .isInstanceOf(RepositoryNotFoundException.class);
      first.deleteRepository(r -> r.repositoryName("shared-name"));
      otherAccount.deleteRepository(r -> r.repositoryName("shared-name"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON|CreateRepository|{not json|SerializationException",
        "array body|CreateRepository|[]|SerializationException",
        "duplicate key|CreateRepository|{\"repositoryName\":\"ab\",\"repositoryName\":\"cd\"}|SerializationException",
        "content after object|CreateRepository|{\"repositoryName\":\"ab\"} {}|SerializationException",
        "wrong type|DescribeRepositories|{\"maxResults\":\"ten\"}|SerializationException",
        "unknown operation|Nope|{}|UnknownOperationException",
        "too short name|CreateRepository|{\"repositoryName\":\"a\"}|InvalidParameterException",
        "bad enum|CreateRepository|{\"repositoryName\":\"ab\",\"imageTagMutability\":\"X\"}|InvalidParameterException",
        "bad registry id|DescribeRepositories|{\"registryId\":\"12\"}|InvalidParameterException",
        "null list member|BatchGetImage|{\"repositoryName\":\"ab\",\"imageIds\":[null]}|InvalidParameterException",
        "empty image ids|BatchGetImage|{\"repositoryName\":\"ab\",\"imageIds\":[]}|InvalidParameterException",
        "short policy|PutLifecyclePolicy|{\"repositoryName\":\"ab\",\"lifecyclePolicyText\":\"{}\"}|InvalidParameterException",
        "bad base64|UploadLayerPart|{\"repositoryName\":\"ab\",\"uploadId\":\"x\",\"partFirstByte\":0,\"partLastByte\":1,\"layerPartBlob\":\"***\"}|SerializationException",
      })
  void badInputIsClientError(String name, String operation, String body, String code)
      throws Exception {
    try (EcrEmulator lenient = EcrEmulator.builder().lenientSignatures(true).start()) {
      RawHttp.Response response = post(lenient.endpoint(), operation, body);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("\"__type\":\"" + code + "\"");
    }
  }

  @Test
  void wrongMethodAndPathAreNotFound() throws Exception {
    RawHttp.Response get = RawHttp.send(emulator.endpoint(), "GET", Map.of(), "");
    RawHttp.Response other = RawHttp.send(emulator.endpoint().resolve("/v3/"), "GET", Map.of(), "");

    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.body()).contains("UnknownOperationException");
    assertThat(other.statusCode()).isEqualTo(404);
  }

  @Test
  void registryApiWithoutCredentialsIsChallenged() throws Exception {
    RawHttp.Response registry =
        RawHttp.send(emulator.endpoint().resolve("/v2/"), "GET", Map.of(), "");

    assertThat(registry.statusCode()).isEqualTo(401);
    assertThat(registry.body()).isEqualTo("Not Authorized\n");
  }

  private static RawHttp.Response post(String operation, String body) throws Exception {
    return RawHttp.post(emulator.endpoint(), operation, body);
  }

  private static RawHttp.Response post(URI endpoint, String operation, String body)
      throws Exception {
    return RawHttp.post(endpoint, operation, body);
  }

  @Test
  void sequentialCallsAreNotDelayed() {
    // With Nagle's algorithm on the server socket, each response waited about 40 ms for the
    // client's delayed ACK, so 100 calls took about 4 s. Without it they take well under 1 s.
    try (EcrClient ecr = SdkClients.ecr(emulator)) {
      ecr.describeRepositories(r -> {});
      long begin = System.nanoTime();

      for (int i = 0; i < 100; i++) {
        ecr.describeRepositories(r -> {});
      }

      long elapsedMillis = (System.nanoTime() - begin) / 1_000_000;
      assertThat(elapsedMillis).as("milliseconds for 100 sequential calls").isLessThan(2_000);
    }
  }
}
