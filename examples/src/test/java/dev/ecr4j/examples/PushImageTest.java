package dev.ecr4j.examples;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.registry.TransferResult;
import dev.ecr4j.testkit.junit.EcrTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

@EcrTest
class PushImageTest {

  @TempDir Path workDirectory;

  @Test
  void pushesBuiltImage(Ecr4jClient ecr, EcrClient sdk) throws Exception {
    Repository repository =
        ecr.repositories().create("team/web", RepositorySettings.defaults()).repository();
    Path content = Files.createDirectories(workDirectory.resolve("content"));
    Files.writeString(content.resolve("index.html"), "<p>Hello</p>\n");

    TransferResult result = PushImage.push(ecr, repository, content, "1.0", workDirectory);

    assertThat(result.reference()).startsWith(repository.uri() + ":1.0@sha256:");
    assertThat(result.blobsTransferred()).isEqualTo(2);
    assertThatImage(sdk, "team/web", "1.0").exists().hasExactlyTags("1.0");
    assertThatImage(sdk, "team/web", result.digest().toString()).isActive();
  }
}
