package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Repository creation templates: create, describe, update and delete, validated by ecr4j's {@link
 * RepositoryCreationTemplate#check}. The emulator stores templates but creates no repositories from
 * them yet.
 */
final class CreationTemplateOperations {

  /** ECR's page size for DescribeRepositoryCreationTemplates when maxResults is absent. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  private CreationTemplateOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "CreateRepositoryCreationTemplate",
            "DescribeRepositoryCreationTemplates",
            "UpdateRepositoryCreationTemplate",
            "DeleteRepositoryCreationTemplate")) {
      operations.put(name, CreationTemplateOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "CreateRepositoryCreationTemplate" -> create(call);
      case "DescribeRepositoryCreationTemplates" -> describe(call);
      case "UpdateRepositoryCreationTemplate" -> update(call);
      case "DeleteRepositoryCreationTemplate" -> delete(call);
      default ->
          throw new IllegalStateException(
              "CreationTemplateOperations has no operation " + call.operation());
    };
  }

  private static ObjectNode create(Call call) {
    RegistryState registry = call.registry();
    String prefix = call.text("prefix");
    if (registry.creationTemplates().containsKey(prefix)) {
      // NOTE: ECR's text for a duplicate template is not observed; this one follows its other
      // "already exists" messages.
      throw AwsError.of(
          "TemplateAlreadyExistsException",
          "A repository creation template with prefix '"
              + prefix
              + "' already exists in the registry with id '"
              + registry.registryId()
              + "'");
    }
    ObjectNode template = PolicyErrors.document(call.input());
    check(template);
    Json.putTime(template, "createdAt", call.now());
    Json.putTime(template, "updatedAt", call.now());
    registry.creationTemplates().put(prefix, template);
    return response(registry, template);
  }

  /**
   * Lists templates by prefix. Prefixes that name no template are left out, because ECR's model
   * gives this operation no not-found error.
   */
  private static ObjectNode describe(Call call) {
    RegistryState registry = call.registry();
    List<String> prefixes = Json.strings(call.input(), "prefixes");
    List<ObjectNode> templates = new ArrayList<>();
    if (prefixes.isEmpty()) {
      templates.addAll(registry.creationTemplates().values());
    } else {
      for (ObjectNode template : registry.creationTemplates().values()) {
        if (prefixes.contains(Json.text(template, "prefix", ""))) {
          templates.add(template);
        }
      }
    }
    Page<ObjectNode> page =
        Page.of(
            templates,
            template -> Json.text(template, "prefix", ""),
            call.input(),
            DEFAULT_PAGE_SIZE,
            call.operation());
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    ArrayNode listed = response.putArray("repositoryCreationTemplates");
    page.items().forEach(template -> listed.add(render(template)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  /** Replaces the members the request gives and keeps the others. */
  private static ObjectNode update(Call call) {
    RegistryState registry = call.registry();
    String prefix = call.text("prefix");
    ObjectNode updated = template(registry, prefix).deepCopy();
    for (Map.Entry<String, JsonNode> member : PolicyErrors.document(call.input()).properties()) {
      updated.set(member.getKey(), member.getValue());
    }
    check(updated);
    Json.putTime(updated, "updatedAt", call.now());
    registry.creationTemplates().put(prefix, updated);
    return response(registry, updated);
  }

  private static ObjectNode delete(Call call) {
    RegistryState registry = call.registry();
    String prefix = call.text("prefix");
    ObjectNode response = response(registry, template(registry, prefix));
    registry.creationTemplates().remove(prefix);
    return response;
  }

  private static void check(ObjectNode template) {
    PolicyErrors.rejectInvalidMember(
        "repositoryCreationTemplate",
        RepositoryCreationTemplate.check(Json.write(PolicyErrors.document(template))));
  }

  private static ObjectNode template(RegistryState registry, String prefix) {
    ObjectNode template = registry.creationTemplates().get(prefix);
    if (template == null) {
      // NOTE: ECR's text for a missing template is not observed; this one follows its other "does
      // not exist" messages.
      throw AwsError.of(
          "TemplateNotFoundException",
          "The repository creation template with prefix '"
              + prefix
              + "' does not exist in the registry with id '"
              + registry.registryId()
              + "'");
    }
    return template;
  }

  private static ObjectNode response(RegistryState registry, ObjectNode template) {
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.set("repositoryCreationTemplate", render(template));
    return response;
  }

  /**
   * Renders ECR's {@code RepositoryCreationTemplate}, with the defaults a repository created from
   * it gets: tag mutability MUTABLE and AES256 encryption.
   *
   * <p>NOTE: that ECR returns these defaults for a template created without them is an assumption.
   */
  private static ObjectNode render(ObjectNode template) {
    ObjectNode rendered = template.deepCopy();
    if (!rendered.has("imageTagMutability")) {
      rendered.put("imageTagMutability", "MUTABLE");
    }
    if (!rendered.has("encryptionConfiguration")) {
      rendered.putObject("encryptionConfiguration").put("encryptionType", "AES256");
    }
    return rendered;
  }
}
