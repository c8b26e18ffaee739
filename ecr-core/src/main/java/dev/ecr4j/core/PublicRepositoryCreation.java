package dev.ecr4j.core;

import java.util.Objects;

/**
 * The result of {@link PublicRepositories#create}: the repository, its catalog data, and whether
 * the call created it. For a repository that already existed nothing was changed, and {@code
 * catalogData} is what it stores.
 *
 * @param repository the repository
 * @param catalogData the repository's catalog data as ECR Public stores it
 * @param created true when this call created the repository, false when it existed already
 */
public record PublicRepositoryCreation(
    PublicRepository repository, PublicCatalogData catalogData, boolean created) {

  public PublicRepositoryCreation {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(catalogData, "catalogData");
  }
}
