package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.iam.RepositoryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Repositories: create, describe, delete, settings, repository policies and tags. */
final class RepositoryOperations {

  /** ECR's page size for DescribeRepositories when maxResults is absent. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  private static final Pattern REPOSITORY_ARN =
      Pattern.compile("arn:aws:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

  private RepositoryOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "CreateRepository",
            "DescribeRepositories",
            "DeleteRepository",
            "PutImageTagMutability",
            "PutImageScanningConfiguration",
            "SetRepositoryPolicy",
            "GetRepositoryPolicy",
            "DeleteRepositoryPolicy",
            "TagResource",
            "UntagResource",
            "ListTagsForResource")) {
      operations.put(name, RepositoryOperations::dispatch);
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
      case "PutImageTagMutability" -> putImageTagMutability(call);
      case "PutImageScanningConfiguration" -> putImageScanningConfiguration(call);
      case "SetRepositoryPolicy" -> setRepositoryPolicy(call);
      case "GetRepositoryPolicy" -> getRepositoryPolicy(call);
      case "DeleteRepositoryPolicy" -> deleteRepositoryPolicy(call);
      case "TagResource" -> tagResource(call);
      case "UntagResource" -> untagResource(call);
      case "ListTagsForResource" -> listTagsForResource(call);
      default ->
          throw new IllegalStateException(
              "RepositoryOperations has no operation " + call.operation());
    };
  }

  private static ObjectNode createRepository(Call call) {
    RegistryState registry = call.registry();
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

    String mutability = Json.text(call.input(), "imageTagMutability", "MUTABLE");
    List<JsonNode> filters = exclusionFilters(call.input(), mutability);
    Map<String, String> tags = Tags.read(Json.objects(call.input(), "tags"));
    if (tags.size() > Tags.MAX_TAGS) {
      throw AwsError.of(
          "TooManyTagsException",
          "A repository can have at most 50 tags; this request gives it " + tags.size() + ".");
    }
    JsonNode scanning = call.input().path("imageScanningConfiguration");
    ObjectNode encryption = Json.object();
    JsonNode requestedEncryption = call.input().get("encryptionConfiguration");
    String encryptionType =
        requestedEncryption == null
            ? "AES256"
            : Json.text(requestedEncryption, "encryptionType", "AES256");
    encryption.put("encryptionType", encryptionType);
    if (!encryptionType.equals("AES256")) {
      // ECR uses the account's AWS managed key when no kmsKey is given; the emulator names it.
      encryption.put(
          "kmsKey",
          requestedEncryption != null && requestedEncryption.has("kmsKey")
              ? Json.text(requestedEncryption, "kmsKey", "")
              : "arn:aws:kms:"
                  + registry.region()
                  + ":"
                  + registry.registryId()
                  + ":alias/aws/ecr");
    } else if (requestedEncryption != null && requestedEncryption.has("kmsKey")) {
      throw AwsError.invalidRequest(
          "Invalid parameter: kmsKey can only be specified when encryptionType is KMS or"
              + " KMS_DSSE.");
    }

    RepositoryState repository =
        new RepositoryState(
            name,
            registry.registryId(),
            registry.region(),
            call.state().repositoryUri(registry.registryId(), registry.region(), name),
            call.now(),
            mutability,
            filters,
            Json.bool(scanning, "scanOnPush", false),
            encryption);
    repository.tags().putAll(tags);
    registry.repositories().put(name, repository);

    ObjectNode response = Json.object();
    response.set("repository", describe(repository));
    return response;
  }

  /**
   * Reads the exclusion filters that go with {@code mutability}.
   *
   * <p>NOTE: ECR's texts for filters given with a plain mutability, or missing with a {@code
   * *_WITH_EXCLUSION} one, are not observed; these messages name the rule.
   */
  private static List<JsonNode> exclusionFilters(JsonNode input, String mutability) {
    List<JsonNode> filters = Json.objects(input, "imageTagMutabilityExclusionFilters");
    boolean withExclusion = mutability.endsWith("_WITH_EXCLUSION");
    if (withExclusion && filters.isEmpty()) {
      throw AwsError.invalidRequest(
          "Invalid parameter: imageTagMutabilityExclusionFilters must be specified when"
              + " imageTagMutability is "
              + mutability
              + ".");
    }
    if (!withExclusion && !filters.isEmpty()) {
      throw AwsError.invalidRequest(
          "Invalid parameter: imageTagMutabilityExclusionFilters can only be specified when"
              + " imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION.");
    }
    return filters;
  }

  private static ObjectNode describeRepositories(Call call) {
    RegistryState registry = call.registry();
    List<String> names = Json.strings(call.input(), "repositoryNames");
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("repositories");
    if (!names.isEmpty()) {
      if (call.input().has("maxResults") || call.input().has("nextToken")) {
        throw AwsError.invalidRequest(
            "Invalid parameter: maxResults and nextToken cannot be specified together with"
                + " repositoryNames.");
      }
      for (String name : names) {
        list.add(describe(registry.repository(name)));
      }
      return response;
    }

    List<RepositoryState> all = new ArrayList<>(registry.repositories().values());
    Page<RepositoryState> page =
        Page.of(all, RepositoryState::name, call.input(), DEFAULT_PAGE_SIZE, call.operation());
    page.items().forEach(repository -> list.add(describe(repository)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private static ObjectNode deleteRepository(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    if (!repository.isEmpty() && !Json.bool(call.input(), "force", false)) {
      throw AwsError.of(
          "RepositoryNotEmptyException",
          "The repository with name '"
              + repository.name()
              + "' in registry with id '"
              + registry.registryId()
              + "' cannot be deleted because it still contains images");
    }
    registry.repositories().remove(repository.name());
    ObjectNode response = Json.object();
    response.set("repository", describe(repository));
    return response;
  }

  private static ObjectNode putImageTagMutability(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String mutability = call.text("imageTagMutability");
    List<JsonNode> filters = exclusionFilters(call.input(), mutability);
    repository.setImageTagMutability(mutability, filters);

    ObjectNode response = identify(registry, repository);
    response.put("imageTagMutability", mutability);
    if (!filters.isEmpty()) {
      response.putArray("imageTagMutabilityExclusionFilters").addAll(filters);
    }
    return response;
  }

  private static ObjectNode putImageScanningConfiguration(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    boolean scanOnPush =
        Json.bool(call.input().path("imageScanningConfiguration"), "scanOnPush", false);
    repository.setScanOnPush(scanOnPush);
    ObjectNode response = identify(registry, repository);
    response.putObject("imageScanningConfiguration").put("scanOnPush", scanOnPush);
    return response;
  }

  private static ObjectNode setRepositoryPolicy(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String policyText = call.text("policyText");
    checkRepositoryPolicy(policyText);
    repository.setPolicyText(policyText);
    ObjectNode response = identify(registry, repository);
    response.put("policyText", policyText);
    return response;
  }

  private static ObjectNode getRepositoryPolicy(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String policyText = repository.policyText();
    if (policyText == null) {
      throw repositoryPolicyNotFound(registry, repository);
    }
    ObjectNode response = identify(registry, repository);
    response.put("policyText", policyText);
    return response;
  }

  private static ObjectNode deleteRepositoryPolicy(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String policyText = repository.policyText();
    if (policyText == null) {
      throw repositoryPolicyNotFound(registry, repository);
    }
    repository.setPolicyText(null);
    ObjectNode response = identify(registry, repository);
    response.put("policyText", policyText);
    return response;
  }

  private static AwsError repositoryPolicyNotFound(
      RegistryState registry, RepositoryState repository) {
    return AwsError.of(
        "RepositoryPolicyNotFoundException",
        "Repository policy does not exist for the repository with name '"
            + repository.name()
            + "' in the registry with id '"
            + registry.registryId()
            + "'");
  }

  /**
   * Rejects a repository policy that ecr4j's {@link RepositoryPolicy#check} finds invalid, with
   * ECR's text. ECR's message names no reason, so the emulator's does not either.
   */
  static void checkRepositoryPolicy(String policyText) {
    if (!RepositoryPolicy.check(policyText).isValid()) {
      throw AwsError.invalidParameter("PolicyText", "Invalid repository policy provided");
    }
  }

  private static ObjectNode tagResource(Call call) {
    RepositoryState repository = repositoryByArn(call);
    Tags.addAll(repository.tags(), Tags.read(Json.objects(call.input(), "tags")));
    return Json.object();
  }

  private static ObjectNode untagResource(Call call) {
    RepositoryState repository = repositoryByArn(call);
    for (String key : Json.strings(call.input(), "tagKeys")) {
      repository.tags().remove(key);
    }
    return Json.object();
  }

  private static ObjectNode listTagsForResource(Call call) {
    RepositoryState repository = repositoryByArn(call);
    ObjectNode response = Json.object();
    response.set("tags", Tags.render(repository.tags()));
    return response;
  }

  /**
   * Finds the repository that {@code resourceArn} names. {@link Call#registryId()} took the account
   * from the ARN, so the handler holds that registry's lock.
   *
   * <p>NOTE: ECR's texts for a malformed ARN and for an ARN of another region are not observed;
   * these follow its constraint wording.
   */
  private static RepositoryState repositoryByArn(Call call) {
    String arn = call.text("resourceArn");
    Matcher matcher = REPOSITORY_ARN.matcher(arn);
    if (!matcher.matches()) {
      throw AwsError.invalidParameter("resourceArn", "Invalid ARN");
    }
    if (!matcher.group(1).equals(call.caller().region())) {
      throw AwsError.invalidParameter(
          "resourceArn", "The ARN's region must be the region of the request");
    }
    return call.registry().repository(matcher.group(3));
  }

  /** Returns the account of a repository ARN, or {@code null} when {@code arn} is not one. */
  static @Nullable String accountOfArn(String arn) {
    Matcher matcher = REPOSITORY_ARN.matcher(arn);
    return matcher.matches() ? matcher.group(2) : null;
  }

  /** Renders a repository as ECR's {@code Repository} shape. */
  static ObjectNode describe(RepositoryState repository) {
    ObjectNode node = Json.object();
    node.put("repositoryArn", repository.arn());
    node.put("registryId", repository.registryId());
    node.put("repositoryName", repository.name());
    node.put("repositoryUri", repository.uri());
    Json.putTime(node, "createdAt", repository.createdAt());
    node.put("imageTagMutability", repository.imageTagMutability());
    if (!repository.mutabilityExclusionFilters().isEmpty()) {
      node.putArray("imageTagMutabilityExclusionFilters")
          .addAll(repository.mutabilityExclusionFilters());
    }
    node.putObject("imageScanningConfiguration").put("scanOnPush", repository.scanOnPush());
    node.set("encryptionConfiguration", repository.encryptionConfiguration());
    return node;
  }

  /** Starts a response with {@code registryId} and {@code repositoryName}. */
  static ObjectNode identify(RegistryState registry, RepositoryState repository) {
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.put("repositoryName", repository.name());
    return response;
  }
}
