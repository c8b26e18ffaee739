package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * Operations on repositories. Obtained from {@link Ecr4jClient#repositories()}; thread-safe.
 *
 * @throws NotFoundException from any method when the repository does not exist, unless the method
 *     documents otherwise
 */
public final class Repositories {

  // ECR's maximum page size for DescribeRepositories.
  private static final int PAGE_SIZE = 1_000;

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;

  Repositories(EcrClient ecr, EcrCalls calls, @Nullable String registryId) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
  }

  /**
   * Creates a repository, or returns the existing one of that name. For an existing repository the
   * result lists each setting that differs from {@code settings}; nothing is changed.
   *
   * @throws InvalidRequestException when ECR rejects the name or a setting
   */
  public RepositoryCreation create(String name, RepositorySettings settings) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
    try {
      Repository created =
          toRepository(
              calls
                  .call(
                      "CreateRepository",
                      override ->
                          ecr.createRepository(
                              request ->
                                  request
                                      .registryId(registryId)
                                      .repositoryName(name)
                                      .imageTagMutability(settings.tagMutability().name())
                                      .imageTagMutabilityExclusionFilters(
                                          exclusionFilters(settings.mutabilityExclusions()))
                                      .imageScanningConfiguration(
                                          scan -> scan.scanOnPush(settings.scanOnPush()))
                                      .encryptionConfiguration(encryption(settings.encryption()))
                                      .tags(tags(settings.tags()))
                                      .overrideConfiguration(override)))
                  .repository());
      return new RepositoryCreation(created, true, List.of());
    } catch (AlreadyExistsException e) {
      Repository existing = describe(name);
      return new RepositoryCreation(existing, false, differences(existing, settings));
    }
  }

  /** Creates a repository with ECR's default settings, or returns the existing one. */
  public RepositoryCreation create(String name) {
    return create(name, RepositorySettings.defaults());
  }

  /** Returns the repository {@code name}. */
  public Repository describe(String name) {
    Objects.requireNonNull(name, "name");
    DescribeRepositoriesResponse response =
        calls.call(
            "DescribeRepositories",
            override ->
                ecr.describeRepositories(
                    request ->
                        request
                            .registryId(registryId)
                            .repositoryNames(name)
                            .overrideConfiguration(override)));
    return toRepository(response.repositories().get(0));
  }

  /** Returns the repository {@code name}, or empty when it does not exist. */
  public Optional<Repository> find(String name) {
    try {
      return Optional.of(describe(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Returns every repository of the registry, fetching pages of 1,000 as the stream is read. */
  public Stream<Repository> list() {
    return Pages.stream(
        token -> {
          DescribeRepositoriesResponse response =
              calls.call(
                  "DescribeRepositories",
                  override ->
                      ecr.describeRepositories(
                          request ->
                              request
                                  .registryId(registryId)
                                  .maxResults(PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<Repository> items = new ArrayList<>();
          response.repositories().forEach(repository -> items.add(toRepository(repository)));
          return new Pages.Page<>(items, response.nextToken());
        });
  }

  /**
   * Deletes a repository; with {@code force}, its images too.
   *
   * @throws Ecr4jServiceException with code {@code RepositoryNotEmptyException} when it has images
   *     and {@code force} is false
   */
  public Repository delete(String name, boolean force) {
    Objects.requireNonNull(name, "name");
    return toRepository(
        calls
            .call(
                "DeleteRepository",
                override ->
                    ecr.deleteRepository(
                        request ->
                            request
                                .registryId(registryId)
                                .repositoryName(name)
                                .force(force)
                                .overrideConfiguration(override)))
            .repository());
  }

  /** Sets {@code MUTABLE} or {@code IMMUTABLE} tags. */
  public void setTagMutability(String name, TagMutability mutability) {
    setTagMutability(name, mutability, List.of());
  }

  /** Sets the tag mutability with its exclusion filters, as {@link RepositorySettings} checks. */
  public void setTagMutability(String name, TagMutability mutability, List<String> exclusions) {
    Objects.requireNonNull(name, "name");
    // Validates the combination the same way as for a new repository.
    RepositorySettings.Builder check = RepositorySettings.builder();
    if (exclusions.isEmpty()) {
      check.tagMutability(mutability);
    } else {
      check.tagMutability(mutability, exclusions);
    }
    calls.call(
        "PutImageTagMutability",
        override ->
            ecr.putImageTagMutability(
                request ->
                    request
                        .registryId(registryId)
                        .repositoryName(name)
                        .imageTagMutability(mutability.name())
                        .imageTagMutabilityExclusionFilters(exclusionFilters(exclusions))
                        .overrideConfiguration(override)));
  }

  /**
   * Sets scan on push for one repository.
   *
   * <p>ECR deprecates this repository-level setting in favour of the registry's scanning
   * configuration, which takes precedence when it is set.
   */
  public void setScanOnPush(String name, boolean scanOnPush) {
    Objects.requireNonNull(name, "name");
    calls.call(
        "PutImageScanningConfiguration",
        override ->
            ecr.putImageScanningConfiguration(
                request ->
                    request
                        .registryId(registryId)
                        .repositoryName(name)
                        .imageScanningConfiguration(scan -> scan.scanOnPush(scanOnPush))
                        .overrideConfiguration(override)));
  }

  /** Returns the resource tags of the repository. */
  public Map<String, String> tags(String name) {
    return tags(describe(name));
  }

  /** Returns the resource tags of a repository already described, with one call instead of two. */
  public Map<String, String> tags(Repository repository) {
    String arn = repository.arn();
    Map<String, String> tags = new LinkedHashMap<>();
    calls
        .call(
            "ListTagsForResource",
            override ->
                ecr.listTagsForResource(
                    request -> request.resourceArn(arn).overrideConfiguration(override)))
        .tags()
        .forEach(tag -> tags.put(tag.key(), tag.value()));
    return tags;
  }

  /** Adds or overwrites resource tags of the repository. */
  public void tag(String name, Map<String, String> tags) {
    // Validates keys, values and count as for a new repository.
    RepositorySettings.builder().tags(tags);
    String arn = describe(name).arn();
    calls.call(
        "TagResource",
        override ->
            ecr.tagResource(
                request ->
                    request.resourceArn(arn).tags(tags(tags)).overrideConfiguration(override)));
  }

  /** Removes resource tags of the repository by key; absent keys are ignored. */
  public void untag(String name, List<String> keys) {
    String arn = describe(name).arn();
    calls.call(
        "UntagResource",
        override ->
            ecr.untagResource(
                request -> request.resourceArn(arn).tagKeys(keys).overrideConfiguration(override)));
  }

  private List<String> differences(Repository existing, RepositorySettings settings) {
    List<String> differences = new ArrayList<>();
    if (existing.tagMutability() != settings.tagMutability()) {
      differences.add(
          difference("tagMutability", settings.tagMutability(), existing.tagMutability()));
    }
    if (!existing.mutabilityExclusions().equals(settings.mutabilityExclusions())) {
      differences.add(
          difference(
              "mutabilityExclusions",
              settings.mutabilityExclusions(),
              existing.mutabilityExclusions()));
    }
    if (existing.scanOnPush() != settings.scanOnPush()) {
      differences.add(difference("scanOnPush", settings.scanOnPush(), existing.scanOnPush()));
    }
    Encryption requested = settings.encryption();
    Encryption actual = existing.encryption();
    boolean keyDiffers = requested.kmsKey() != null && !requested.kmsKey().equals(actual.kmsKey());
    if (!requested.type().equals(actual.type()) || keyDiffers) {
      differences.add(difference("encryption", requested, actual));
    }
    if (!settings.tags().isEmpty()) {
      Map<String, String> actualTags = tags(existing.name());
      settings
          .tags()
          .forEach(
              (key, value) -> {
                if (!value.equals(actualTags.get(key))) {
                  differences.add(
                      difference("tag " + key, value, actualTags.getOrDefault(key, "<absent>")));
                }
              });
    }
    return differences;
  }

  private static String difference(String setting, Object requested, Object actual) {
    return setting + ": requested " + requested + ", actual " + actual;
  }

  static Repository toRepository(software.amazon.awssdk.services.ecr.model.Repository repository) {
    List<String> exclusions = new ArrayList<>();
    if (repository.hasImageTagMutabilityExclusionFilters()) {
      repository
          .imageTagMutabilityExclusionFilters()
          .forEach(filter -> exclusions.add(filter.filter()));
    }
    EncryptionConfiguration encryption = repository.encryptionConfiguration();
    String mutability = repository.imageTagMutabilityAsString();
    return new Repository(
        repository.repositoryName(),
        repository.repositoryArn(),
        repository.registryId(),
        repository.repositoryUri(),
        repository.createdAt(),
        mutability == null ? TagMutability.MUTABLE : TagMutability.valueOf(mutability),
        exclusions,
        repository.imageScanningConfiguration() != null
            && Boolean.TRUE.equals(repository.imageScanningConfiguration().scanOnPush()),
        encryption == null || encryption.encryptionTypeAsString() == null
            ? Encryption.AES256
            : new Encryption(encryption.encryptionTypeAsString(), encryption.kmsKey()));
  }

  private static @Nullable List<ImageTagMutabilityExclusionFilter> exclusionFilters(
      List<String> filters) {
    if (filters.isEmpty()) {
      // An empty list would be sent as [], which ECR rejects for plain MUTABLE or IMMUTABLE.
      return null;
    }
    List<ImageTagMutabilityExclusionFilter> result = new ArrayList<>();
    for (String filter : filters) {
      result.add(
          ImageTagMutabilityExclusionFilter.builder()
              .filterType("WILDCARD")
              .filter(filter)
              .build());
    }
    return result;
  }

  private static EncryptionConfiguration encryption(Encryption encryption) {
    return EncryptionConfiguration.builder()
        .encryptionType(encryption.type())
        .kmsKey(encryption.kmsKey())
        .build();
  }

  private static @Nullable List<Tag> tags(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return null;
    }
    List<Tag> result = new ArrayList<>();
    tags.forEach((key, value) -> result.add(Tag.builder().key(key).value(value).build()));
    return result;
  }
}
