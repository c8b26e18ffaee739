package dev.ecr4j.testkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ECR Public's control plane: public repositories, their catalog data, the registry's catalog data,
 * repository policies, tags, authorization tokens, and image metadata ({@link
 * PublicImageOperations}). Layer uploads and the registry API of public repositories are not
 * served.
 */
final class PublicOperations {

  /** ECR Public's page size for DescribeRepositories when maxResults is absent. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  /** ECR Public's tokens are valid for 12 hours, as private ones are. */
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

  private static final Pattern PUBLIC_REPOSITORY_ARN =
      Pattern.compile("arn:aws:ecr-public::([0-9]{12}):repository/(.+)");

  private PublicOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "CreateRepository",
            "DescribeRepositories",
            "DeleteRepository",
            "PutRepositoryCatalogData",
            "GetRepositoryCatalogData",
            "PutRegistryCatalogData",
            "GetRegistryCatalogData",
            "DescribeRegistries",
            "GetAuthorizationToken",
            "SetRepositoryPolicy",
            "GetRepositoryPolicy",
            "DeleteRepositoryPolicy",
            "TagResource",
            "UntagResource",
            "ListTagsForResource",
            "PutImage",
            "DescribeImages",
            "DescribeImageTags",
            "BatchDeleteImage")) {
      operations.put(name, PublicOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "CreateRepository" -> createRepository(call);
      case "DescribeRepositories" -> describeRepositories(call);
      case "DeleteRepository" -> deleteRepository(call);
      case "PutRepositoryCatalogData" -> putRepositoryCatalogData(call);
      case "GetRepositoryCatalogData" -> getRepositoryCatalogData(call);
      case "PutRegistryCatalogData" -> putRegistryCatalogData(call);
      case "GetRegistryCatalogData" -> getRegistryCatalogData(call);
      case "DescribeRegistries" -> describeRegistries(call);
      case "GetAuthorizationToken" -> getAuthorizationToken(call);
      case "SetRepositoryPolicy" -> setRepositoryPolicy(call);
      case "GetRepositoryPolicy" -> getRepositoryPolicy(call);
      case "DeleteRepositoryPolicy" -> deleteRepositoryPolicy(call);
      case "TagResource" -> tagResource(call);
      case "UntagResource" -> untagResource(call);
      case "ListTagsForResource" -> listTagsForResource(call);
      case "PutImage" -> PublicImageOperations.putImage(call);
      case "DescribeImages" -> PublicImageOperations.describeImages(call);
      case "DescribeImageTags" -> PublicImageOperations.describeImageTags(call);
      case "BatchDeleteImage" -> PublicImageOperations.batchDeleteImage(call);
      default ->
          throw new IllegalStateException("PublicOperations has no operation " + call.operation());
    };
  }

  static PublicRegistryState registry(Call call) {
    return call.state().publicRegistry(call.caller().accountId());
  }

  /**
   * Returns the public repository {@code name}.
   *
   * @throws AwsError {@code RepositoryNotFoundException} when it does not exist
   */
  static PublicRegistryState.PublicRepository repository(
      PublicRegistryState registry, String name) {
    PublicRegistryState.PublicRepository repository = registry.repositories().get(name);
    if (repository == null) {
      throw AwsError.repositoryNotFound(name, registry.registryId());
    }
    return repository;
  }

  private static ObjectNode createRepository(Call call) {
    PublicRegistryState registry = registry(call);
    String name = call.text("repositoryName");
    if (registry.repositories().containsKey(name)) {
      throw AwsError.of(
          "RepositoryAlreadyExistsException",
          "The repository with name '"
              + name
              + "' already exists in the registry with id '"
              + registry.registryId()
              + "'");
    }
    PublicRegistryState.PublicRepository repository =
        new PublicRegistryState.PublicRepository(name, call.now());
    repository.tags.putAll(Tags.read(Json.objects(call.input(), "tags")));
    JsonNode catalogData = call.input().get("catalogData");
    repository.catalogData = catalogData == null ? null : catalog(catalogData);
    registry.repositories().put(name, repository);

    ObjectNode response = Json.object();
    response.set("repository", describe(call, registry, repository));
    response.set("catalogData", catalogOf(repository));
    return response;
  }

  /** Converts catalog input to stored catalog data; a logo blob becomes a logo URL. */
  private static ObjectNode catalog(JsonNode input) {
    ObjectNode catalog = ((ObjectNode) input).deepCopy();
    if (catalog.remove("logoImageBlob") != null) {
      catalog.put("logoUrl", "https://127.0.0.1/logo.png");
    }
    return catalog;
  }

  private static JsonNode catalogOf(PublicRegistryState.PublicRepository repository) {
    JsonNode catalog = repository.catalogData;
    return catalog == null ? Json.object() : catalog;
  }

  private static ObjectNode describe(
      Call call, PublicRegistryState registry, PublicRegistryState.PublicRepository repository) {
    ObjectNode node = Json.object();
    node.put("repositoryArn", arn(registry, repository.name));
    node.put("registryId", registry.registryId());
    node.put("repositoryName", repository.name);
    node.put("repositoryUri", publicUri(call, registry, repository.name));
    Json.putTime(node, "createdAt", repository.createdAt);
    return node;
  }

  private static String arn(PublicRegistryState registry, String name) {
    return "arn:aws:ecr-public::" + registry.registryId() + ":repository/" + name;
  }

  /** Returns {@code 127.0.0.1:PORT/public/ALIAS/NAME}, the emulator's form of public.ecr.aws. */
  private static String publicUri(Call call, PublicRegistryState registry, String name) {
    return call.state().registryHost() + "/public/" + registry.alias() + "/" + name;
  }

  private static ObjectNode describeRepositories(Call call) {
    PublicRegistryState registry = registry(call);
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("repositories");
    List<String> names = Json.strings(call.input(), "repositoryNames");
    if (!names.isEmpty()) {
      for (String name : names) {
        list.add(describe(call, registry, repository(registry, name)));
      }
      return response;
    }
    List<PublicRegistryState.PublicRepository> all =
        new ArrayList<>(registry.repositories().values());
    Page<PublicRegistryState.PublicRepository> page =
        Page.of(
            all, repository -> repository.name, call.input(), DEFAULT_PAGE_SIZE, call.operation());
    page.items().forEach(repository -> list.add(describe(call, registry, repository)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private static ObjectNode deleteRepository(Call call) {
    PublicRegistryState registry = registry(call);
    PublicRegistryState.PublicRepository repository =
        repository(registry, call.text("repositoryName"));
    if (!repository.images.isEmpty() && !Json.bool(call.input(), "force", false)) {
      // NOTE: ECR Public's text is not observed; this is the private plane's.
      throw AwsError.of(
          "RepositoryNotEmptyException",
          "The repository with name '"
              + repository.name
              + "' in registry with id '"
              + registry.registryId()
              + "' cannot be deleted because it still contains images");
    }
    registry.repositories().remove(repository.name);
    ObjectNode response = Json.object();
    response.set("repository", describe(call, registry, repository));
    return response;
  }

  private static ObjectNode putRepositoryCatalogData(Call call) {
    PublicRegistryState registry = registry(call);
    PublicRegistryState.PublicRepository repository =
        repository(registry, call.text("repositoryName"));
    repository.catalogData = catalog(call.input().path("catalogData"));
    ObjectNode response = Json.object();
    response.set("catalogData", catalogOf(repository));
    return response;
  }

  private static ObjectNode getRepositoryCatalogData(Call call) {
    PublicRegistryState registry = registry(call);
    PublicRegistryState.PublicRepository repository =
        repository(registry, call.text("repositoryName"));
    ObjectNode response = Json.object();
    response.set("catalogData", catalogOf(repository));
    return response;
  }

  private static ObjectNode putRegistryCatalogData(Call call) {
    PublicRegistryState registry = registry(call);
    String displayName = Json.text(call.input(), "displayName");
    if (displayName != null) {
      registry.setDisplayName(displayName);
    }
    return getRegistryCatalogData(call);
  }

  private static ObjectNode getRegistryCatalogData(Call call) {
    PublicRegistryState registry = registry(call);
    ObjectNode response = Json.object();
    ObjectNode catalog = response.putObject("registryCatalogData");
    if (registry.displayName() != null) {
      catalog.put("displayName", registry.displayName());
    }
    return response;
  }

  private static ObjectNode describeRegistries(Call call) {
    PublicRegistryState registry = registry(call);
    ObjectNode response = Json.object();
    ObjectNode entry = response.putArray("registries").addObject();
    entry.put("registryId", registry.registryId());
    entry.put(
        "registryArn",
        "arn:aws:ecr-public::" + registry.registryId() + ":registry/" + registry.registryId());
    entry.put("registryUri", call.state().registryHost() + "/public/" + registry.alias());
    entry.put("verified", false);
    ObjectNode alias = entry.putArray("aliases").addObject();
    alias.put("name", registry.alias());
    alias.put("status", "ACTIVE");
    alias.put("primaryRegistryAlias", true);
    alias.put("defaultRegistryAlias", true);
    return response;
  }

  private static ObjectNode getAuthorizationToken(Call call) {
    byte[] secret = Secrets.randomBytes(32);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expiresAt = call.now().plus(TOKEN_LIFETIME);
    call.state()
        .addToken(
            password,
            new EmulatorState.AuthToken(
                call.caller().accountId(), expiresAt, call.caller().principalArn()));
    ObjectNode response = Json.object();
    ObjectNode data = response.putObject("authorizationData");
    data.put(
        "authorizationToken",
        Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)));
    Json.putTime(data, "expiresAt", expiresAt);
    return response;
  }

  private static ObjectNode setRepositoryPolicy(Call call) {
    PublicRegistryState registry = registry(call);
    PublicRegistryState.PublicRepository repository =
        repository(registry, call.text("repositoryName"));
    String policyText = call.text("policyText");
    checkPolicyShape(policyText);
    repository.policyText = policyText;
    return policyResponse(registry, repository, policyText);
  }

  /**
   * Checks that {@code policyText} is an IAM-style policy document: a JSON object with a {@code
   * Statement}. ecr4j's repository policy check accepts only ECR's private actions, so ECR Public
   * policies get this shape check alone.
   */
  private static void checkPolicyShape(String policyText) {
    JsonNode policy = Json.parseDocument(policyText);
    boolean valid =
        policy != null
            && policy.isObject()
            && (policy.path("Statement").isArray() || policy.path("Statement").isObject());
    if (!valid) {
      throw AwsError.invalidParameter("PolicyText", "Invalid repository policy provided");
    }
  }

  private static ObjectNode getRepositoryPolicy(Call call) {
    PublicRegistryState registry = registry(call);
    PublicRegistryState.PublicRepository repository =
        repository(registry, call.text("repositoryName"));
    return policyResponse(registry, repository, existingPolicy(registry, repository));
  }

  private static ObjectNode deleteRepositoryPolicy(Call call) {
    PublicRegistryState registry = registry(call);
    PublicRegistryState.PublicRepository repository =
        repository(registry, call.text("repositoryName"));
    String policyText = existingPolicy(registry, repository);
    repository.policyText = null;
    return policyResponse(registry, repository, policyText);
  }

  private static String existingPolicy(
      PublicRegistryState registry, PublicRegistryState.PublicRepository repository) {
    String policyText = repository.policyText;
    if (policyText == null) {
      throw AwsError.of(
          "RepositoryPolicyNotFoundException",
          "Repository policy does not exist for the repository with name '"
              + repository.name
              + "' in the registry with id '"
              + registry.registryId()
              + "'");
    }
    return policyText;
  }

  private static ObjectNode policyResponse(
      PublicRegistryState registry,
      PublicRegistryState.PublicRepository repository,
      String policyText) {
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.put("repositoryName", repository.name);
    response.put("policyText", policyText);
    return response;
  }

  private static PublicRegistryState.PublicRepository repositoryByArn(Call call) {
    Matcher matcher = PUBLIC_REPOSITORY_ARN.matcher(call.text("resourceArn"));
    if (!matcher.matches() || !matcher.group(1).equals(call.caller().accountId())) {
      throw AwsError.invalidParameter("resourceArn", "Invalid ARN");
    }
    return repository(registry(call), matcher.group(2));
  }

  private static ObjectNode tagResource(Call call) {
    PublicRegistryState.PublicRepository repository = repositoryByArn(call);
    Tags.addAll(repository.tags, Tags.read(Json.objects(call.input(), "tags")));
    return Json.object();
  }

  private static ObjectNode untagResource(Call call) {
    PublicRegistryState.PublicRepository repository = repositoryByArn(call);
    Json.strings(call.input(), "tagKeys").forEach(repository.tags::remove);
    return Json.object();
  }

  private static ObjectNode listTagsForResource(Call call) {
    PublicRegistryState.PublicRepository repository = repositoryByArn(call);
    ObjectNode response = Json.object();
    response.set("tags", Tags.render(repository.tags));
    return response;
  }
}
