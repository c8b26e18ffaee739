package dev.ecr4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on the caller's public registry: its details and aliases, and its catalog data, the
 * display name that the Amazon ECR Public Gallery shows as the author of its repositories. Obtained
 * from {@link Ecr4jPublicClient#registries()}; thread-safe.
 */
public final class PublicRegistries {

  private final PublicCalls calls;

  PublicRegistries(PublicCalls calls) {
    this.calls = calls;
  }

  /** Returns the caller's public registries, fetching pages of 1,000 as the stream is read. */
  public Stream<PublicRegistry> describe() {
    return describe(PublicInput.MAX_PAGE_SIZE);
  }

  /**
   * Returns the caller's public registries, fetching pages of {@code pageSize} as the stream is
   * read.
   *
   * @param pageSize ECR Public's {@code maxResults}, from 1 to 1,000
   * @throws IllegalArgumentException when the page size is out of range
   */
  public Stream<PublicRegistry> describe(int pageSize) {
    PublicInput.pageSize(pageSize);
    return Pages.stream(
        token -> {
          ObjectNode request = PublicCalls.request();
          request.put("maxResults", pageSize);
          if (token != null) {
            request.put("nextToken", token);
          }
          JsonNode response = calls.call("DescribeRegistries", request);
          List<PublicRegistry> items = new ArrayList<>();
          for (JsonNode registry : response.path("registries")) {
            items.add(registry(registry));
          }
          return new Pages.Page<>(items, PublicCalls.optionalText(response, "nextToken"));
        });
  }

  /** Returns the registry's display name, or empty when none is set. */
  public Optional<String> displayName() {
    JsonNode response = calls.call("GetRegistryCatalogData", PublicCalls.request());
    return Optional.ofNullable(
        PublicCalls.optionalText(response.path("registryCatalogData"), "displayName"));
  }

  /**
   * Sets the registry's display name and returns the one ECR Public stored. The gallery shows it
   * only for verified accounts.
   *
   * @param displayName at most 100 characters
   * @throws IllegalArgumentException when the name is longer than 100 characters
   */
  public Optional<String> putDisplayName(String displayName) {
    PublicInput.displayName(displayName);
    ObjectNode request = PublicCalls.request();
    request.put("displayName", displayName);
    JsonNode response = calls.call("PutRegistryCatalogData", request);
    return Optional.ofNullable(
        PublicCalls.optionalText(response.path("registryCatalogData"), "displayName"));
  }

  private static PublicRegistry registry(JsonNode node) {
    List<PublicRegistry.Alias> aliases = new ArrayList<>();
    for (JsonNode alias : node.path("aliases")) {
      aliases.add(
          new PublicRegistry.Alias(
              PublicCalls.text(alias, "name"),
              PublicCalls.text(alias, "status"),
              PublicCalls.bool(alias, "primaryRegistryAlias"),
              PublicCalls.bool(alias, "defaultRegistryAlias")));
    }
    return new PublicRegistry(
        PublicCalls.text(node, "registryId"),
        PublicCalls.text(node, "registryArn"),
        PublicCalls.text(node, "registryUri"),
        PublicCalls.bool(node, "verified"),
        aliases);
  }
}
