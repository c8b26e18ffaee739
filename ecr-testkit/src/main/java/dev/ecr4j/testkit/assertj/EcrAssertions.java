package dev.ecr4j.testkit.assertj;

import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Entry points of the testkit's AssertJ assertions. Each reads the registry through the SDK client
 * it is given, when a check runs, so it reads what any backend stores.
 *
 * <pre>{@code
 * assertThatRepository(ecr, "app").exists().hasImageTagged("1.0", "latest").hasImageCount(2);
 * assertThatImage(ecr, "app", "1.0").hasExactlyTags("1.0", "latest").isActive();
 *
 * RepositorySnapshot before = RepositorySnapshot.take(ecr, "app");
 * runLifecycle();                        // whatever expires images: ECR, the emulator, your code
 * assertThatRepository(ecr, "app").sinceSnapshot(before).expiredExactly(oldDigest);
 *
 * assertThatImage(ecr, "app", "1.0").within(Duration.ofSeconds(30)).hasReplicatedTo("eu-west-1");
 * }</pre>
 *
 * <p>A failing check names the repository, the expectation, and what the registry returned, for
 * example: {@code Expected repository 'app' to contain an image tagged [1.0, latest], but its
 * images are: app {sha256:3f1a... [1.0]}}.
 *
 * @since 0.1.0
 */
public final class EcrAssertions {

  private EcrAssertions() {}

  /** Starts assertions on the repository {@code repositoryName} of the client's registry. */
  public static RepositoryAssert assertThatRepository(EcrClient client, String repositoryName) {
    return new RepositoryAssert(client, repositoryName);
  }

  /**
   * Starts assertions on one image, named by a tag or by a digest ({@code sha256:...}).
   *
   * @param client the client of the registry and region that contains the repository
   * @param repositoryName the repository
   * @param tagOrDigest a tag such as {@code 1.0}, or a digest such as {@code sha256:3f1a...}
   */
  public static ImageAssert assertThatImage(
      EcrClient client, String repositoryName, String tagOrDigest) {
    return new ImageAssert(client, repositoryName, tagOrDigest);
  }
}
