package dev.ecr4j.examples;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.TagMutability;
import dev.ecr4j.testkit.junit.EcrTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

@EcrTest
class CreateRepositoryTest {

  @Test
  void createsImmutableScannedRepository(Ecr4jClient ecr, EcrClient sdk) {
    Repository repository = CreateRepository.create(ecr, "team/web");

    assertThatRepository(sdk, "team/web").exists();
    assertThat(repository.tagMutability()).isEqualTo(TagMutability.IMMUTABLE_WITH_EXCLUSION);
    assertThat(repository.mutabilityExclusions()).containsExactly("latest");
    assertThat(repository.scanOnPush()).isTrue();
    assertThat(ecr.repositories().tags("team/web")).containsEntry("team", "web");
  }

  @Test
  void returnsExistingRepository(Ecr4jClient ecr) {
    Repository first = CreateRepository.create(ecr, "team/web");

    Repository second = CreateRepository.create(ecr, "team/web");

    assertThat(second.arn()).isEqualTo(first.arn());
  }
}
