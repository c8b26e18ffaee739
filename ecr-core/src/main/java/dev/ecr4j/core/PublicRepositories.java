package dev.ecr4j.core;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on ECR Public repositories: create, describe, list and delete them, their catalog data
 * and their resource tags. Obtained from {@link Ecr4jPublicClient#repositories()}; thread-safe.
 *
 * <p>Names are checked locally against ECR Public's rules (2 to 205 characters of lowercase
 * letters, digits, separators and {@code /}) before anything is sent.
 *
 * @throws NotFoundException from any method that names a repository that does not exist, unless the
 *     method documents otherwise
 * @throws IllegalArgumentException from any method given input outside ECR Public's limits
 */
public final class PublicRepositories {

  // ECR Public's maximum page size for DescribeRepositories.
  private static final int PAGE_SIZE = PublicInput.MAX_PAGE_SIZE;

  private final PublicCalls calls;

  PublicRepositories(PublicCalls calls) {
    this.calls = calls;
  }

  /**
   * Creates a repository with catalog data and resource tags, or returns the existing repository of
   * that name unchanged, with {@code created() == false} and its stored catalog data.
   *
   * @throws IllegalArgumentException when the name or a tag is outside ECR Public's limits
   * @throws InvalidRequestException when ECR Public rejects a parameter
   */
  public PublicRepositoryCreation create(
      String name, PublicCatalogDataInput catalogData, Map<String, String> tags) {
    PublicInput.repositoryName(name);
    Objects.requireNonNull(catalogData, "catalogData");
    PublicInput.tags(tags);

    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", name);
    ObjectNode catalog = catalogJson(catalogData);
    if (!catalog.isEmpty()) {
      request.set("catalogData", catalog);
    }
    if (!tags.isEmpty()) {
      PublicCalls.tagList(request, "tags", tags);
    }
    try {
      JsonNode response = calls.call("CreateRepository", request);
      return new PublicRepositoryCreation(
          repository(response.path("repository")), catalogData(response.path("catalogData")), true);
    } catch (AlreadyExistsException e) {
      return new PublicRepositoryCreation(describe(name), catalogData(name), false);
    }
  }

  /** Creates a repository with no catalog data and no tags, or returns the existing one. */
  public PublicRepositoryCreation create(String name) {
    return create(name, PublicCatalogDataInput.builder().build(), Map.of());
  }

  /** Returns the repository {@code name}. */
  public PublicRepository describe(String name) {
    PublicInput.repositoryName(name);
    ObjectNode request = PublicCalls.request();
    request.putArray("repositoryNames").add(name);
    JsonNode repositories = calls.call("DescribeRepositories", request).path("repositories");
    if (!repositories.isArray() || repositories.isEmpty()) {
      throw new Ecr4jException(
          "DescribeRepositories returned no repository for '" + name + "' and no error");
    }
    return repository(repositories.get(0));
  }

  /** Returns the repository {@code name}, or empty when it does not exist. */
  public Optional<PublicRepository> find(String name) {
    try {
      return Optional.of(describe(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Returns every repository of the registry, fetching pages of 1,000 as the stream is read. */
  public Stream<PublicRepository> list() {
    return list(PAGE_SIZE);
  }

  /**
   * Returns every repository of the registry, fetching pages of {@code pageSize} as the stream is
   * read.
   *
   * @param pageSize ECR Public's {@code maxResults}, from 1 to 1,000
   * @throws IllegalArgumentException when the page size is out of range
   */
  public Stream<PublicRepository> list(int pageSize) {
    PublicInput.pageSize(pageSize);
    return Pages.stream(
        token -> {
          ObjectNode request = PublicCalls.request();
          request.put("maxResults", pageSize);
          if (token != null) {
            request.put("nextToken", token);
          }
          JsonNode response = calls.call("DescribeRepositories", request);
          List<PublicRepository> items = new ArrayList<>();
          for (JsonNode repository : response.path("repositories")) {
            items.add(repository(repository));
          }
          return new Pages.Page<>(items, PublicCalls.optionalText(response, "nextToken"));
        });
  }

  /**
   * Deletes a repository; with {@code force}, its images too.
   *
   * @throws Ecr4jServiceException with code {@code RepositoryNotEmptyException} when it has images
   *     and {@code force} is false
   */
  public PublicRepository delete(String name, boolean force) {
    PublicInput.repositoryName(name);
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", name);
    request.put("force", force);
    return repository(calls.call("DeleteRepository", request).path("repository"));
  }

  /**
   * Returns the repository's catalog data, with empty fields where none is set.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public PublicCatalogData catalogData(String name) {
    PublicInput.repositoryName(name);
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", name);
    try {
      return catalogData(calls.call("GetRepositoryCatalogData", request).path("catalogData"));
    } catch (NotFoundException e) {
      if (e.awsErrorCode().filter("RepositoryCatalogDataNotFoundException"::equals).isPresent()) {
        return PublicCatalogData.EMPTY;
      }
      throw e;
    }
  }

  /**
   * Puts the repository's catalog data and returns what ECR Public stored. Fields left out of
   * {@code catalogData} are not sent.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public PublicCatalogData putCatalogData(String name, PublicCatalogDataInput catalogData) {
    PublicInput.repositoryName(name);
    Objects.requireNonNull(catalogData, "catalogData");
    ObjectNode request = PublicCalls.request();
    request.put("repositoryName", name);
    request.set("catalogData", catalogJson(catalogData));
    return catalogData(calls.call("PutRepositoryCatalogData", request).path("catalogData"));
  }

  /** Returns the resource tags of the repository. */
  public Map<String, String> tags(String name) {
    ObjectNode request = PublicCalls.request();
    request.put("resourceArn", describe(name).arn());
    return PublicCalls.tags(calls.call("ListTagsForResource", request), "tags");
  }

  /**
   * Adds or overwrites resource tags of the repository. ECR Public keeps at most 50 tags per
   * repository and rejects more with {@code TooManyTagsException}.
   *
   * @throws IllegalArgumentException when a key or value is outside ECR Public's limits
   */
  public void tag(String name, Map<String, String> tags) {
    PublicInput.tags(tags);
    ObjectNode request = PublicCalls.request();
    request.put("resourceArn", describe(name).arn());
    PublicCalls.tagList(request, "tags", tags);
    calls.call("TagResource", request);
  }

  /** Removes resource tags of the repository by key; absent keys are ignored. */
  public void untag(String name, List<String> keys) {
    PublicInput.tagKeys(keys);
    ObjectNode request = PublicCalls.request();
    request.put("resourceArn", describe(name).arn());
    ArrayNode list = request.putArray("tagKeys");
    keys.forEach(list::add);
    calls.call("UntagResource", request);
  }

  static PublicRepository repository(JsonNode node) {
    return new PublicRepository(
        PublicCalls.text(node, "repositoryName"),
        PublicCalls.text(node, "repositoryArn"),
        PublicCalls.text(node, "registryId"),
        PublicCalls.text(node, "repositoryUri"),
        PublicCalls.instant(node, "createdAt"));
  }

  static PublicCatalogData catalogData(JsonNode node) {
    return new PublicCatalogData(
        PublicCalls.text(node, "description"),
        PublicCalls.text(node, "aboutText"),
        PublicCalls.text(node, "usageText"),
        PublicCalls.strings(node, "architectures"),
        PublicCalls.strings(node, "operatingSystems"),
        Optional.ofNullable(PublicCalls.optionalText(node, "logoUrl")),
        PublicCalls.bool(node, "marketplaceCertified"));
  }

  private static ObjectNode catalogJson(PublicCatalogDataInput input) {
    ObjectNode catalog = PublicCalls.request();
    input.description().ifPresent(value -> catalog.put("description", value));
    input.aboutText().ifPresent(value -> catalog.put("aboutText", value));
    input.usageText().ifPresent(value -> catalog.put("usageText", value));
    input
        .architectures()
        .ifPresent(values -> values.forEach(catalog.putArray("architectures")::add));
    input
        .operatingSystems()
        .ifPresent(values -> values.forEach(catalog.putArray("operatingSystems")::add));
    // The awsJson protocol sends blobs as base64 text.
    input
        .logoImage()
        .ifPresent(
            bytes -> catalog.put("logoImageBlob", Base64.getEncoder().encodeToString(bytes)));
    return catalog;
  }
}
