package dev.ecr4j.examples;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.oci.ImageBuilder;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import dev.ecr4j.registry.ImageReference;
import dev.ecr4j.registry.ProgressEvent;
import dev.ecr4j.registry.RegistryAuth;
import dev.ecr4j.registry.RegistryClient;
import dev.ecr4j.registry.TransferResult;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Builds an image from a directory and pushes it to an ECR repository, without a Docker daemon.
 * {@link #main} runs it against an embedded emulator, so it needs no AWS account.
 */
public final class PushImage {

  private PushImage() {}

  /**
   * Builds an image that serves {@code content} from {@code /srv/www} and pushes it to {@code
   * repository} under {@code tag}. The registry client authenticates with tokens from {@code ecr}'s
   * GetAuthorizationToken.
   *
   * @param workDirectory where the image is built, as an OCI image layout
   */
  public static TransferResult push(
      Ecr4jClient ecr, Repository repository, Path content, String tag, Path workDirectory)
      throws IOException {
    OciLayout layout = OciLayout.create(workDirectory.resolve("image"));
    ImageBuilder.create(Platform.parse("linux/amd64"))
        .addLayer(content, "/srv/www")
        .entrypoint(List.of("/bin/sh", "-c", "cat /srv/www/index.html"))
        .env("GREETING", "hello")
        .label("org.opencontainers.image.title", "web")
        .build(layout, tag);

    ImageReference target = ImageReference.parse(repository.uri()).withTag(tag);
    RegistryClient.Builder registry =
        RegistryClient.builder()
            .auth(target.registry(), RegistryAuth.ecr(ecr.authorization(), repository.registryId()))
            .listener(
                event -> {
                  if (event.kind() == ProgressEvent.Kind.COMPLETED) {
                    System.out.println("uploaded " + event.digest() + " (" + event.size() + " B)");
                  }
                });
    if (target.isLoopback()) {
      // The emulator serves the registry API over plain HTTP on 127.0.0.1.
      registry.insecure(target.registry());
    }
    try (RegistryClient client = registry.build()) {
      return client.push(layout.image(tag), target);
    }
  }

  /**
   * Pushes a one-file image to {@code team/web:1.0} in an embedded emulator. The built image stays
   * in a temporary directory, as an OCI image layout, for inspection.
   */
  public static void main(String[] args) throws IOException {
    Path workDirectory = Files.createTempDirectory("push-image-");
    Path content = Files.createDirectories(workDirectory.resolve("content"));
    Files.writeString(content.resolve("index.html"), "<p>Hello from ecr4j</p>\n");

    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .rateLimitSettings(RateLimitSettings.unlimited())
                .build()) {
      Repository repository =
          ecr.repositories().create("team/web", RepositorySettings.defaults()).repository();
      TransferResult result = push(ecr, repository, content, "1.0", workDirectory);
      System.out.println("pushed " + result.reference());
    }
  }
}
