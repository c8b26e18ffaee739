package dev.ecr4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing of registry/repository[:tag][@digest]. */
class ImageReferenceTest {

  private static final String DIGEST = "sha256:" + "c".repeat(64);

  @Test
  void ecr_reference_parses() {
    ImageReference reference =
        ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.0");
    assertThat(reference.registry()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    assertThat(reference.repository()).isEqualTo("team/app");
    assertThat(reference.tag()).isEqualTo("1.0");
    assertThat(reference.digest()).isNull();
  }

  @Test
  void port_and_digest_parse() {
    ImageReference reference = ImageReference.parse("127.0.0.1:5000/app@" + DIGEST);
    assertThat(reference.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(reference.host()).isEqualTo("127.0.0.1");
    assertThat(reference.tag()).isNull();
    assertThat(reference.manifestReference()).isEqualTo(DIGEST);
    assertThat(reference.isLoopback()).isTrue();
  }

  @Test
  void missing_tag_means_latest() {
    assertThat(ImageReference.parse("localhost/app").tag()).isEqualTo("latest");
    assertThat(ImageReference.parse("docker://public.ecr.aws/acme/app").toString())
        .isEqualTo("public.ecr.aws/acme/app:latest");
  }

  @Test
  void registry_must_be_explicit() {
    assertThatThrownBy(() -> ImageReference.parse("library/app:1.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("with an explicit registry");
  }

  @Test
  void invalid_parts_are_named() {
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/App:1"))
        .hasMessageContaining("Invalid repository name 'App'");
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/app:-bad"))
        .hasMessageContaining("Invalid tag '-bad'");
  }

  @Test
  void insecure_only_for_loopback() {
    assertThatThrownBy(() -> RegistryClient.builder().insecure("registry.example.com:5000"))
        .hasMessageContaining("Plain HTTP is allowed only for registries on this machine");
    RegistryClient.builder().insecure("localhost:5000").insecure("127.0.0.1:1").build().close();
  }

  @Test
  void auth_never_shows_password() {
    assertThat(RegistryAuth.basic("user", "s3cret").toString())
        .isEqualTo("RegistryAuth{basic, user=user}")
        .doesNotContain("s3cret");
  }
}
