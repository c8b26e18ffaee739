package dev.ecr4j.state;

import dev.ecr4j.core.internal.DocumentJson;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a {@link RegistrySpec} as the YAML or JSON that {@link SpecReader} reads. Embedded
 * documents are written as the objects the policy DSL renders, with ECR's own key names.
 */
final class SpecWriter {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private SpecWriter() {}

  static String write(RegistrySpec spec, SpecFormat format) {
    ObjectNode tree = tree(spec);
    return switch (format) {
      case YAML -> YAML.writeValueAsString(tree);
      case JSON -> JSON.writeValueAsString(tree) + "\n";
      case JAVA -> throw new IllegalArgumentException("use JavaSpecWriter for Java source");
    };
  }

  static ObjectNode tree(RegistrySpec spec) {
    ObjectNode root = DocumentJson.object();
    root.put("version", SpecReader.VERSION);
    spec.region().ifPresent(region -> root.put("region", region));
    spec.accountId().ifPresent(account -> root.put("accountId", account));

    if (!spec.accountSettings().isEmpty()) {
      ObjectNode settings = root.putObject("accountSettings");
      for (AccountSetting setting : spec.accountSettings().values()) {
        settings.put(setting.name().name(), setting.value().name());
      }
    }
    putDesired(root, "registryPolicy", spec.registryPolicy().map(p -> p.toJson()));
    putDesired(root, "replication", spec.replication().map(r -> r.toJson()));
    putDesired(root, "scanning", spec.scanning().map(s -> s.toJson()));

    if (!spec.creationTemplates().isEmpty() || !spec.absentCreationTemplates().isEmpty()) {
      ObjectNode templates = root.putObject("creationTemplates");
      for (RepositoryCreationTemplate template : spec.creationTemplates().values()) {
        ObjectNode body = (ObjectNode) DocumentJson.read(template.toJson());
        body.remove("prefix");
        templates.set(template.prefix(), body);
      }
      spec.absentCreationTemplates().forEach(prefix -> templates.put(prefix, SpecReader.ABSENT));
    }
    if (!spec.pullThroughCacheRules().isEmpty() || !spec.absentPullThroughCacheRules().isEmpty()) {
      ObjectNode rules = root.putObject("pullThroughCacheRules");
      for (PullThroughCacheRule rule : spec.pullThroughCacheRules().values()) {
        ObjectNode body = (ObjectNode) DocumentJson.read(rule.toJson());
        body.remove("ecrRepositoryPrefix");
        rules.set(rule.ecrRepositoryPrefix(), body);
      }
      spec.absentPullThroughCacheRules().forEach(prefix -> rules.put(prefix, SpecReader.ABSENT));
    }

    if (spec.unlistedRepositories() == Ownership.ABSENT
        || spec.unlistedCreationTemplates() == Ownership.ABSENT
        || spec.unlistedPullThroughCacheRules() == Ownership.ABSENT) {
      ObjectNode unlisted = root.putObject("unlisted");
      unlisted.put("repositories", unlisted(spec.unlistedRepositories()));
      unlisted.put("creationTemplates", unlisted(spec.unlistedCreationTemplates()));
      unlisted.put("pullThroughCacheRules", unlisted(spec.unlistedPullThroughCacheRules()));
    }

    ObjectNode repositories = root.putObject("repositories");
    for (Map.Entry<String, RepositorySpec> entry : spec.repositories().entrySet()) {
      repositories.set(entry.getKey(), repository(entry.getValue()));
    }
    spec.absentRepositories().forEach(name -> repositories.put(name, SpecReader.ABSENT));
    return root;
  }

  private static ObjectNode repository(RepositorySpec repository) {
    ObjectNode node = DocumentJson.object();
    repository
        .tagMutability()
        .value()
        .ifPresent(mutability -> node.setAll((ObjectNode) DocumentJson.read(mutability.toJson())));
    repository.scanOnPush().value().ifPresent(scan -> node.put("scanOnPush", scan.booleanValue()));
    repository
        .encryption()
        .value()
        .ifPresent(
            encryption ->
                node.set("encryptionConfiguration", DocumentJson.read(encryption.toJson())));
    repository
        .tags()
        .value()
        .ifPresent(
            tags -> {
              ObjectNode tagNode = node.putObject("tags");
              tags.asMap().forEach(tagNode::put);
            });
    putDesired(node, "lifecyclePolicy", repository.lifecyclePolicy().map(p -> p.toJson()));
    putDesired(node, "repositoryPolicy", repository.repositoryPolicy().map(p -> p.toJson()));
    return node;
  }

  private static void putDesired(ObjectNode parent, String key, Desired<String> json) {
    switch (json.ownership()) {
      case MANAGED -> parent.set(key, parse(json.get()));
      case ABSENT -> parent.put(key, SpecReader.ABSENT);
      case UNMANAGED -> {
        // Nothing is written: a missing key means unmanaged.
      }
    }
  }

  private static JsonNode parse(String json) {
    return DocumentJson.read(json);
  }

  private static String unlisted(Ownership ownership) {
    return ownership == Ownership.ABSENT ? SpecReader.ABSENT : "unmanaged";
  }
}
