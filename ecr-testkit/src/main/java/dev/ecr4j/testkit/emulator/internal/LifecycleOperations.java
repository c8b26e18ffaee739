package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.lifecycle.ImageDecision;
import dev.ecr4j.policy.lifecycle.ImageStatus;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicyCheck;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lifecycle policies: put, get and delete, validated by ecr4j's policy DSL, and previews computed
 * by its evaluator on the repository's images.
 */
final class LifecycleOperations {

  /** The page size of GetLifecyclePolicyPreview when maxResults is absent: its maximum. */
  private static final int DEFAULT_PREVIEW_PAGE_SIZE = 100;

  private static final String VALIDATION_FAILURE = "Lifecycle policy validation failure: ";

  private LifecycleOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "PutLifecyclePolicy",
            "GetLifecyclePolicy",
            "DeleteLifecyclePolicy",
            "StartLifecyclePolicyPreview",
            "GetLifecyclePolicyPreview")) {
      operations.put(name, LifecycleOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "PutLifecyclePolicy" -> putLifecyclePolicy(call);
      case "GetLifecyclePolicy" -> getLifecyclePolicy(call);
      case "DeleteLifecyclePolicy" -> deleteLifecyclePolicy(call);
      case "StartLifecyclePolicyPreview" -> startPreview(call);
      case "GetLifecyclePolicyPreview" -> getPreview(call);
      default ->
          throw new IllegalStateException(
              "LifecycleOperations has no operation " + call.operation());
    };
  }

  /**
   * Checks lifecycle policy text as ECR does.
   *
   * @throws AwsError {@code InvalidParameterException} with ECR's text for the first violation
   */
  static LifecyclePolicy check(String text) {
    LifecyclePolicyCheck check = LifecyclePolicy.check(text);
    LifecyclePolicy policy = check.policy();
    if (!check.violations().isEmpty() || policy == null) {
      String detail =
          check.violations().isEmpty() ? "invalid policy" : detail(check.violations().get(0));
      throw AwsError.invalidParameter("LifecyclePolicyText", detail);
    }
    return policy;
  }

  /** Returns ECR's text for a violation, which ecr4j records with or without ECR's prefix. */
  private static String detail(PolicyViolation violation) {
    String text = violation.ecrMessageText().orElse(violation.message());
    return text.startsWith(VALIDATION_FAILURE) ? text : VALIDATION_FAILURE + text;
  }

  private static ObjectNode putLifecyclePolicy(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String text = call.text("lifecyclePolicyText");
    check(text);
    repository.setLifecyclePolicyText(text);
    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.put("lifecyclePolicyText", text);
    return response;
  }

  private static ObjectNode getLifecyclePolicy(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    ObjectNode response = policyResponse(registry, repository);
    return response;
  }

  private static ObjectNode deleteLifecyclePolicy(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    ObjectNode response = policyResponse(registry, repository);
    repository.setLifecyclePolicyText(null);
    return response;
  }

  private static ObjectNode policyResponse(RegistryState registry, RepositoryState repository) {
    String text = repository.lifecyclePolicyText();
    if (text == null) {
      throw notFound(registry, repository);
    }
    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.put("lifecyclePolicyText", text);
    if (repository.lifecycleEvaluatedAt() != null) {
      Json.putTime(response, "lastEvaluatedAt", repository.lifecycleEvaluatedAt());
    }
    return response;
  }

  private static AwsError notFound(RegistryState registry, RepositoryState repository) {
    return AwsError.of(
        "LifecyclePolicyNotFoundException",
        "Lifecycle policy does not exist for the repository with name '"
            + repository.name()
            + "' in the registry with id '"
            + registry.registryId()
            + "'");
  }

  /**
   * Evaluates the given policy, or the repository's own, on the repository's images. The preview
   * finishes at once, but Start returns IN_PROGRESS as ECR does, and Get then returns COMPLETE.
   */
  private static ObjectNode startPreview(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    String text = Json.text(call.input(), "lifecyclePolicyText");
    if (text == null) {
      text = repository.lifecyclePolicyText();
      if (text == null) {
        throw notFound(registry, repository);
      }
    }
    LifecyclePolicy policy = check(text);

    List<LifecycleImage> images = new ArrayList<>();
    for (ImageRecord image : repository.images()) {
      images.add(toLifecycleImage(repository, image));
    }
    LifecyclePreview preview = policy.preview(images, call.now());

    List<ObjectNode> results = new ArrayList<>();
    for (ImageDecision decision : preview.actions()) {
      results.add(result(decision));
    }
    ObjectNode summary = Json.object();
    summary.put("expiringImageTotalCount", preview.expiringImageCount());
    if (preview.transitioningImageCount() > 0) {
      ObjectNode count = summary.putArray("transitioningImageTotalCounts").addObject();
      count.put("targetStorageClass", "ARCHIVE");
      count.put("imageTotalCount", preview.transitioningImageCount());
    }
    repository.setPreview(new LifecyclePreviewResult(text, results, summary));

    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.put("lifecyclePolicyText", text);
    response.put("status", "IN_PROGRESS");
    return response;
  }

  static LifecycleImage toLifecycleImage(RepositoryState repository, ImageRecord image) {
    LifecycleImage converted =
        new LifecycleImage(
            image.digest(),
            image.tags(),
            image.pushedAt(),
            image.lastRecordedPullTime(),
            image.archived() ? ImageStatus.ARCHIVED : ImageStatus.ACTIVE,
            image.lastArchivedAt(),
            image.lastActivatedAt(),
            repository.parentsOf(image.digest()),
            image.subjectDigest());
    return converted;
  }

  private static ObjectNode result(ImageDecision decision) {
    LifecycleImage image = decision.image();
    ObjectNode result = Json.object();
    if (!image.tags().isEmpty()) {
      ArrayNode tags = result.putArray("imageTags");
      image.tags().forEach(tags::add);
    }
    result.put("imageDigest", image.digest());
    Json.putTime(result, "imagePushedAt", image.pushedAt());
    ObjectNode action = result.putObject("action");
    if (decision.outcome() == ImageDecision.Outcome.TRANSITION) {
      action.put("type", "TRANSITION");
      action.put("targetStorageClass", "ARCHIVE");
    } else {
      action.put("type", "EXPIRE");
    }
    decision
        .decidingRule()
        .ifPresent(rule -> result.put("appliedRulePriority", rule.rulePriority()));
    result.put("storageClass", image.status() == ImageStatus.ARCHIVED ? "ARCHIVE" : "STANDARD");
    return result;
  }

  private static ObjectNode getPreview(Call call) {
    RegistryState registry = call.registry();
    RepositoryState repository = registry.repository(call.text("repositoryName"));
    LifecyclePreviewResult preview = repository.preview();
    if (preview == null) {
      throw AwsError.of(
          "LifecyclePolicyPreviewNotFoundException",
          "There is no dry run for the repository with name '"
              + repository.name()
              + "' in the registry with id '"
              + registry.registryId()
              + "'");
    }

    List<String> digests = new ArrayList<>();
    for (JsonNode id : Json.objects(call.input(), "imageIds")) {
      String digest = Json.text(id, "imageDigest");
      String tag = Json.text(id, "imageTag");
      if (digest == null && tag != null) {
        digest = repository.imageByTag(tag).map(ImageRecord::digest).orElse("");
      }
      digests.add(digest == null ? "" : digest);
    }
    String tagStatus = Json.text(call.input().path("filter"), "tagStatus", "ANY");

    List<String> keys = new ArrayList<>();
    List<ObjectNode> selected = new ArrayList<>();
    for (int i = 0; i < preview.results().size(); i++) {
      ObjectNode result = preview.results().get(i);
      boolean tagged = result.has("imageTags");
      if (tagStatus.equals("TAGGED") && !tagged || tagStatus.equals("UNTAGGED") && tagged) {
        continue;
      }
      if (!digests.isEmpty() && !digests.contains(Json.text(result, "imageDigest", ""))) {
        continue;
      }
      selected.add(result);
      // Zero-padded positions keep the preview's order under the string order of page keys.
      keys.add(String.format("%010d", i));
    }
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < selected.size(); i++) {
      positions.add(i);
    }
    Page<Integer> page =
        Page.of(positions, keys::get, call.input(), DEFAULT_PREVIEW_PAGE_SIZE, call.operation());

    ObjectNode response = RepositoryOperations.identify(registry, repository);
    response.put("lifecyclePolicyText", preview.policyText());
    response.put("status", "COMPLETE");
    ArrayNode results = response.putArray("previewResults");
    page.items().forEach(position -> results.add(selected.get(position)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    response.set("summary", preview.summary());
    return response;
  }
}
