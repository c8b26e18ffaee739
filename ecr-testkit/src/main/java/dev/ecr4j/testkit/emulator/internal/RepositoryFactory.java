package dev.ecr4j.testkit.emulator.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates repositories that ECR creates by itself: on push (a creation template with {@code
 * CREATE_ON_PUSH}) and as replication destinations (a template with {@code REPLICATION}, else ECR's
 * defaults).
 */
final class RepositoryFactory {

  private RepositoryFactory() {}

  /**
   * Returns the creation template for {@code repositoryName} and {@code appliedFor}: the one with
   * the longest matching prefix, else the {@code ROOT} template.
   */
  static Optional<ObjectNode> template(
      RegistryState registry, String repositoryName, String appliedFor) {
    ObjectNode best = null;
    int bestLength = -1;
    for (ObjectNode template : registry.creationTemplates().values()) {
      if (!Json.strings(template, "appliedFor").contains(appliedFor)) {
        continue;
      }
      String prefix = Json.text(template, "prefix", "");
      boolean root = prefix.equals("ROOT");
      boolean matches =
          root || repositoryName.equals(prefix) || repositoryName.startsWith(prefix + "/");
      int length = root ? 0 : prefix.length();
      if (matches && length > bestLength) {
        best = template;
        bestLength = length;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Creates {@code name} in {@code registry} from {@code template}, or with ECR's defaults (MUTABLE
   * tags, AES256 encryption) when there is none. The caller must hold the registry's monitor and
   * has checked that the repository does not exist.
   */
  static RepositoryState create(
      EmulatorState state,
      RegistryState registry,
      String name,
      @Nullable ObjectNode template,
      Instant now) {
    JsonNode source = template == null ? Json.object() : template;
    String mutability = Json.text(source, "imageTagMutability", "MUTABLE");
    List<JsonNode> filters = Json.objects(source, "imageTagMutabilityExclusionFilters");
    ObjectNode encryption = Json.object();
    JsonNode requested = source.path("encryptionConfiguration");
    String encryptionType = Json.text(requested, "encryptionType", "AES256");
    encryption.put("encryptionType", encryptionType);
    if (!encryptionType.equals("AES256")) {
      encryption.put(
          "kmsKey",
          Json.text(
              requested,
              "kmsKey",
              "arn:aws:kms:" + registry.region() + ":" + registry.registryId() + ":alias/aws/ecr"));
    }
    RepositoryState repository =
        new RepositoryState(
            name,
            registry.registryId(),
            registry.region(),
            state.repositoryUri(registry.registryId(), registry.region(), name),
            now,
            mutability,
            filters,
            false,
            encryption);
    repository.tags().putAll(Tags.read(Json.objects(source, "resourceTags")));
    String lifecyclePolicy = Json.text(source, "lifecyclePolicy");
    if (lifecyclePolicy != null && !lifecyclePolicy.isEmpty()) {
      repository.setLifecyclePolicyText(lifecyclePolicy);
    }
    String repositoryPolicy = Json.text(source, "repositoryPolicy");
    if (repositoryPolicy != null && !repositoryPolicy.isEmpty()) {
      repository.setPolicyText(repositoryPolicy);
    }
    registry.repositories().put(name, repository);
    return repository;
  }
}
