package dev.ecr4j.testkit.assertj;

import dev.ecr4j.testkit.assertj.RepositorySnapshot.ImageState;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a repository changed between a snapshot and now; the actual value is the
 * snapshot taken now. An image is <em>expired</em> when it was in the earlier snapshot and is gone,
 * and <em>archived</em> when it was active and is archived now. Create one with {@link
 * RepositoryAssert#sinceSnapshot(RepositorySnapshot)}.
 *
 * @since 0.1.0
 */
public final class RepositoryChangesAssert
    extends AbstractAssert<RepositoryChangesAssert, RepositorySnapshot> {

  private final RepositorySnapshot before;

  RepositoryChangesAssert(RepositorySnapshot before, RepositorySnapshot after) {
    super(after, RepositoryChangesAssert.class);
    this.before = before;
  }

  /** Verifies that exactly {@code digests} were expired: gone now, present before. */
  public RepositoryChangesAssert expiredExactly(String... digests) {
    Set<String> expected = new TreeSet<>(Arrays.asList(digests));
    Set<String> unknown = new TreeSet<>(expected);
    unknown.removeAll(before.digests());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Digests "
              + unknown
              + " were not in the snapshot of repository '"
              + before.repositoryName()
              + "', so they cannot have expired since: expected digests of "
              + before.digests()
              + ".");
    }
    Set<String> expired = expired();
    if (!expired.equals(expected)) {
      throw failure(
          "Expected exactly %s to have expired from repository '%s', but %s expired.%n"
              + "Before: %s%nNow:    %s",
          expected, before.repositoryName(), expired, before, actual);
    }
    return this;
  }

  /** Verifies that no image expired. */
  public RepositoryChangesAssert expiredNothing() {
    Set<String> expired = expired();
    if (!expired.isEmpty()) {
      throw failure(
          "Expected no image to have expired from repository '%s', but %s expired.%n"
              + "Before: %s%nNow:    %s",
          before.repositoryName(), expired, before, actual);
    }
    return this;
  }

  /** Verifies that exactly {@code digests} went from active to archived. */
  public RepositoryChangesAssert archivedExactly(String... digests) {
    Set<String> expected = new TreeSet<>(Arrays.asList(digests));
    Set<String> archived = new TreeSet<>();
    for (ImageState now : actual.images().values()) {
      boolean wasActive = before.image(now.digest()).map(image -> !image.archived()).orElse(false);
      if (wasActive && now.archived()) {
        archived.add(now.digest());
      }
    }
    if (!archived.equals(expected)) {
      throw failure(
          "Expected exactly %s to have been archived in repository '%s', but %s were.%n"
              + "Before: %s%nNow:    %s",
          expected, before.repositoryName(), archived, before, actual);
    }
    return this;
  }

  /** Verifies that every one of {@code digests} is still in the repository. */
  public RepositoryChangesAssert kept(String... digests) {
    Set<String> missing = new TreeSet<>(Arrays.asList(digests));
    missing.removeAll(actual.digests());
    if (!missing.isEmpty()) {
      throw failure(
          "Expected %s to remain in repository '%s', but %s are gone.%nBefore: %s%nNow:    %s",
          Arrays.asList(digests), before.repositoryName(), missing, before, actual);
    }
    return this;
  }

  private Set<String> expired() {
    Set<String> expired = new TreeSet<>(before.digests());
    expired.removeAll(actual.digests());
    return expired;
  }
}
