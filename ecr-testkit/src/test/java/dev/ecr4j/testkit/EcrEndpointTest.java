package dev.ecr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EcrEndpointTest {

  private static final EmulatorCredentials CREDENTIALS =
      new EmulatorCredentials("AKIDENDPOINT", "very-secret-key", "123456789012");

  @Test
  void toStringOmitsSecret() {
    EcrEndpoint endpoint =
        EcrEndpoint.of(
            URI.create("http://127.0.0.1:4000"), "127.0.0.1:4000", "us-east-1", CREDENTIALS);

    assertThat(endpoint.toString())
        .isEqualTo(
            "EcrEndpoint[endpoint=http://127.0.0.1:4000, registryHost=127.0.0.1:4000,"
                + " region=us-east-1, accessKeyId=AKIDENDPOINT, accountId=123456789012]");
  }

  @Test
  void withRegionKeepsTheRest() {
    EcrEndpoint endpoint =
        EcrEndpoint.of(
            URI.create("http://127.0.0.1:4000"), "127.0.0.1:4000", "us-east-1", CREDENTIALS);

    EcrEndpoint other = endpoint.withRegion("eu-west-1");

    assertThat(other.region()).isEqualTo("eu-west-1");
    assertThat(other.endpoint()).isEqualTo(endpoint.endpoint());
    assertThat(other).isNotEqualTo(endpoint).isEqualTo(endpoint.withRegion("eu-west-1"));
    assertThat(other.credentialsProvider().resolveCredentials().secretAccessKey())
        .isEqualTo("very-secret-key");
  }

  @Test
  void nonHttpEndpointRejected() {
    assertThatThrownBy(
            () ->
                EcrEndpoint.of(
                    URI.create("ftp://127.0.0.1:21"), "127.0.0.1:21", "us-east-1", CREDENTIALS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid endpoint 'ftp://127.0.0.1:21': expected an http or https URI.");
  }

  @Test
  void registryHostWithPathRejected() {
    assertThatThrownBy(
            () ->
                EcrEndpoint.of(
                    URI.create("http://127.0.0.1:4000"),
                    "127.0.0.1:4000/v2",
                    "us-east-1",
                    CREDENTIALS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid registry host '127.0.0.1:4000/v2': expected HOST:PORT without a path.");
  }
}
