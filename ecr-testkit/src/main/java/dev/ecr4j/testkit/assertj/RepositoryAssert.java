package dev.ecr4j.testkit.assertj;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Assertions on one repository; the actual value is its name. Each check reads the registry again.
 * Create one with {@link EcrAssertions#assertThatRepository(EcrClient, String)}.
 *
 * @since 0.1.0
 */
public final class RepositoryAssert extends AbstractAssert<RepositoryAssert, String> {

  private final EcrClient client;

  RepositoryAssert(EcrClient client, String repositoryName) {
    super(Objects.requireNonNull(repositoryName, "repositoryName"), RepositoryAssert.class);
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Verifies that DescribeRepositories finds the repository. */
  public RepositoryAssert exists() {
    if (!repositoryExists()) {
      failWithMessage("Expected repository '%s' to exist, but it was not found.", actual);
    }
    return this;
  }

  /** Verifies that DescribeRepositories does not find the repository. */
  public RepositoryAssert doesNotExist() {
    if (repositoryExists()) {
      failWithMessage("Expected repository '%s' not to exist, but it exists.", actual);
    }
    return this;
  }

  /** Verifies that one image carries every one of {@code tags}, and maybe others. */
  public RepositoryAssert hasImageTagged(String... tags) {
    List<String> expected = List.of(tags);
    RepositorySnapshot snapshot = snapshot();
    boolean found =
        snapshot.images().values().stream().anyMatch(image -> image.tags().containsAll(expected));
    if (!found) {
      failWithMessage(
          "Expected repository '%s' to contain an image tagged %s, but its images are: %s",
          actual, expected, snapshot);
    }
    return this;
  }

  /** Verifies that no image carries {@code tag}. */
  public RepositoryAssert hasNoImageTagged(String tag) {
    RepositorySnapshot snapshot = snapshot();
    if (snapshot.imageTagged(tag).isPresent()) {
      failWithMessage(
          "Expected repository '%s' to have no image tagged '%s', but its images are: %s",
          actual, tag, snapshot);
    }
    return this;
  }

  /** Verifies the number of images, archived ones included. */
  public RepositoryAssert hasImageCount(int expected) {
    RepositorySnapshot snapshot = snapshot();
    if (snapshot.images().size() != expected) {
      failWithMessage(
          "Expected repository '%s' to contain %d images, but it contains %d: %s",
          actual, expected, snapshot.images().size(), snapshot);
    }
    return this;
  }

  /** Verifies that the repository contains an image with each of {@code digests}. */
  public RepositoryAssert containsImages(String... digests) {
    RepositorySnapshot snapshot = snapshot();
    Set<String> missing = new TreeSet<>(Arrays.asList(digests));
    missing.removeAll(snapshot.digests());
    if (!missing.isEmpty()) {
      failWithMessage(
          "Expected repository '%s' to contain the images %s, but %s are missing. Its images"
              + " are: %s",
          actual, List.of(digests), missing, snapshot);
    }
    return this;
  }

  /** Verifies that the repository contains none of {@code digests}. */
  public RepositoryAssert doesNotContainImages(String... digests) {
    RepositorySnapshot snapshot = snapshot();
    Set<String> present = new TreeSet<>(Arrays.asList(digests));
    present.retainAll(snapshot.digests());
    if (!present.isEmpty()) {
      failWithMessage(
          "Expected repository '%s' to contain none of the images %s, but it still contains %s.",
          actual, List.of(digests), present);
    }
    return this;
  }

  /**
   * Compares the repository's images now with {@code before}, for assertions on what a lifecycle
   * run, or any other change, expired or archived.
   *
   * @throws IllegalArgumentException when {@code before} is a snapshot of another repository
   */
  public RepositoryChangesAssert sinceSnapshot(RepositorySnapshot before) {
    Objects.requireNonNull(before, "before");
    if (!before.repositoryName().equals(actual)) {
      throw new IllegalArgumentException(
          "Snapshot of repository '"
              + before.repositoryName()
              + "' cannot be compared with repository '"
              + actual
              + "': take the snapshot of the same repository.");
    }
    return new RepositoryChangesAssert(before, snapshot());
  }

  private RepositorySnapshot snapshot() {
    isNotNull();
    try {
      return RepositorySnapshot.take(client, actual);
    } catch (RepositoryNotFoundException e) {
      throw failure("Expected repository '%s' to exist, but it was not found.", actual);
    }
  }

  private boolean repositoryExists() {
    isNotNull();
    try {
      client.describeRepositories(request -> request.repositoryNames(actual));
      return true;
    } catch (RepositoryNotFoundException e) {
      return false;
    }
  }
}
