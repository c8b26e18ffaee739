package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.core.internal.ManifestLists;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;

/**
 * Operations on lifecycle policies, which take and return the policy DSL's {@link LifecyclePolicy}.
 * Obtained from {@link Ecr4jClient#lifecycle()}; thread-safe.
 */
public final class LifecyclePolicies {

  // ECR's maximum page size for GetLifecyclePolicyPreview.
  private static final int PREVIEW_PAGE_SIZE = 100;
  // How often a server-side preview is polled; ECR usually finishes within seconds.
  private static final Duration PREVIEW_POLL_INTERVAL = Duration.ofSeconds(1);

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;
  private final Images images;

  LifecyclePolicies(EcrClient ecr, EcrCalls calls, @Nullable String registryId, Images images) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
    this.images = images;
  }

  /**
   * Validates {@code policy} locally, then stores it as the repository's lifecycle policy.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the policy is invalid; nothing is sent
   * @throws NotFoundException when the repository does not exist
   */
  public void put(String repository, LifecyclePolicy policy) {
    Objects.requireNonNull(repository, "repository");
    String text = policy.validate().toJson();
    calls.call(
        "PutLifecyclePolicy",
        override ->
            ecr.putLifecyclePolicy(
                request ->
                    request
                        .registryId(registryId)
                        .repositoryName(repository)
                        .lifecyclePolicyText(text)
                        .overrideConfiguration(override)));
  }

  /**
   * Returns the repository's lifecycle policy, or empty when it has none.
   *
   * @throws NotFoundException when the repository does not exist
   */
  public Optional<LifecyclePolicy> get(String repository) {
    Objects.requireNonNull(repository, "repository");
    try {
      String text =
          calls
              .call(
                  "GetLifecyclePolicy",
                  override ->
                      ecr.getLifecyclePolicy(
                          request ->
                              request
                                  .registryId(registryId)
                                  .repositoryName(repository)
                                  .overrideConfiguration(override)))
              .lifecyclePolicyText();
      return Optional.of(LifecyclePolicy.parse(text));
    } catch (NotFoundException e) {
      if (isPolicyMissing(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Deletes the repository's lifecycle policy.
   *
   * @return true when a policy was deleted, false when there was none
   */
  public boolean delete(String repository) {
    Objects.requireNonNull(repository, "repository");
    try {
      calls.call(
          "DeleteLifecyclePolicy",
          override ->
              ecr.deleteLifecyclePolicy(
                  request ->
                      request
                          .registryId(registryId)
                          .repositoryName(repository)
                          .overrideConfiguration(override)));
      return true;
    } catch (NotFoundException e) {
      if (isPolicyMissing(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Runs ECR's own preview of {@code policy} and waits for its result, up to {@code timeout}.
   *
   * @throws Ecr4jException when the preview does not finish within {@code timeout}
   */
  public ServerLifecyclePreview previewOnServer(
      String repository, LifecyclePolicy policy, Duration timeout) {
    Objects.requireNonNull(repository, "repository");
    String text = policy.validate().toJson();
    calls.call(
        "StartLifecyclePolicyPreview",
        override ->
            ecr.startLifecyclePolicyPreview(
                request ->
                    request
                        .registryId(registryId)
                        .repositoryName(repository)
                        .lifecyclePolicyText(text)
                        .overrideConfiguration(override)));

    Instant giveUpAt = Instant.now().plus(timeout);
    while (true) {
      ServerLifecyclePreview preview = serverPreview(repository);
      if (!preview.status().equals("IN_PROGRESS")) {
        return preview;
      }
      if (Instant.now().isAfter(giveUpAt)) {
        throw new Ecr4jException(
            "The lifecycle policy preview of repository '"
                + repository
                + "' was still in progress after "
                + timeout.toSeconds()
                + " s; call previewOnServer with a longer timeout");
      }
      try {
        Thread.sleep(PREVIEW_POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Ecr4jException("Interrupted while waiting for a lifecycle preview", e);
      }
    }
  }

  /**
   * Evaluates {@code policy} locally against the repository's images at {@code now}, as ECR would,
   * without changing anything. Fetches every image, archived ones included, and reads the manifest
   * lists with {@code BatchGetImage} to learn which images they reference, because ECR never
   * expires an image that a remaining manifest list references.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the policy is invalid
   */
  public LifecyclePreview previewLocally(String repository, LifecyclePolicy policy, Instant now) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(now, "now");
    policy.validate();

    List<Image> all =
        images.describe(repository, Images.TagFilter.ANY, true).collect(Collectors.toList());

    // Children of each manifest list, from the lists' own manifests.
    List<ImageId> lists = new ArrayList<>();
    for (Image image : all) {
      if (image.isManifestList()) {
        lists.add(ImageId.digest(image.digest()));
      }
    }
    Map<String, List<String>> parentsByChild = new HashMap<>();
    if (!lists.isEmpty()) {
      for (ImageManifest list : images.manifests(repository, lists).succeeded()) {
        String listDigest = Objects.requireNonNull(list.id().digest(), "digest");
        for (String child : ManifestLists.childDigests(list.manifest())) {
          parentsByChild.computeIfAbsent(child, key -> new ArrayList<>()).add(listDigest);
        }
      }
    }

    List<LifecycleImage> lifecycleImages = new ArrayList<>(all.size());
    for (Image image : all) {
      lifecycleImages.add(
          new LifecycleImage(
              image.digest(),
              image.tags(),
              image.pushedAt(),
              image.lastRecordedPullTime(),
              image.status(),
              image.lastArchivedAt(),
              image.lastActivatedAt(),
              parentsByChild.getOrDefault(image.digest(), List.of()),
              image.subjectDigest()));
    }
    return policy.preview(lifecycleImages, now);
  }

  private ServerLifecyclePreview serverPreview(String repository) {
    List<ServerLifecyclePreview.Action> actions = new ArrayList<>();
    String status = "IN_PROGRESS";
    @Nullable String token = null;
    do {
      @Nullable String pageToken = token;
      GetLifecyclePolicyPreviewResponse response =
          calls.call(
              "GetLifecyclePolicyPreview",
              override ->
                  ecr.getLifecyclePolicyPreview(
                      request ->
                          request
                              .registryId(registryId)
                              .repositoryName(repository)
                              .maxResults(PREVIEW_PAGE_SIZE)
                              .nextToken(pageToken)
                              .overrideConfiguration(override)));
      status = String.valueOf(response.statusAsString());
      response
          .previewResults()
          .forEach(
              result ->
                  actions.add(
                      new ServerLifecyclePreview.Action(
                          result.imageDigest(),
                          result.hasImageTags() ? result.imageTags() : List.of(),
                          result.action() == null
                              ? "EXPIRE"
                              : String.valueOf(result.action().typeAsString()),
                          result.appliedRulePriority() == null
                              ? 0
                              : result.appliedRulePriority())));
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return new ServerLifecyclePreview(status, actions);
  }

  private static boolean isPolicyMissing(NotFoundException e) {
    return e.awsErrorCode().filter("LifecyclePolicyNotFoundException"::equals).isPresent();
  }
}
