package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.policy.replication.ReplicationTarget;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Copies pushed images to the destinations of the registry's replication configuration.
 *
 * <p>A push schedules its replication while it holds its registry's monitor, and the request thread
 * runs it after releasing that monitor, so two registries that replicate to each other never wait
 * on each other's locks. Each copy takes the destination's monitor, creates the destination
 * repository when it is missing (from a {@code REPLICATION} creation template, else with ECR's
 * defaults), and records the outcome on the source image for DescribeImageReplicationStatus.
 *
 * <p>A destination in another account must allow the source account in its registry policy, with
 * {@code ecr:ReplicateImage} (or a wildcard action) and an {@code Allow} effect.
 */
final class Replicator {

  /** The failure code when the destination account's registry policy does not allow the source. */
  static final String NOT_ALLOWED =
      "The registry policy of the destination account does not allow the source account to"
          + " replicate into it (ecr:ReplicateImage).";

  /** One copy to make after the push's lock is released. */
  private record Pending(
      String sourceRegistryId,
      String sourceRegion,
      String repository,
      ImageRecord image,
      @Nullable String tag,
      List<ReplicationTarget> targets) {}

  private final EmulatorState state;
  private final ThreadLocal<List<Pending>> pending = ThreadLocal.withInitial(ArrayList::new);

  Replicator(EmulatorState state) {
    this.state = state;
  }

  /**
   * Schedules the replication of {@code image}, just pushed with {@code tag}, when the registry's
   * configuration has destinations for its repository. The caller must hold the registry's monitor.
   */
  void schedule(
      RegistryState registry, RepositoryState repository, ImageRecord image, @Nullable String tag) {
    JsonNode configuration = registry.replicationConfiguration();
    if (configuration == null) {
      return;
    }
    List<ReplicationTarget> targets =
        ReplicationConfiguration.parse(Json.write(configuration)).targetsFor(repository.name());
    if (!targets.isEmpty()) {
      pending
          .get()
          .add(
              new Pending(
                  registry.registryId(),
                  registry.region(),
                  repository.name(),
                  image,
                  tag,
                  targets));
    }
  }

  /** Runs the copies this thread scheduled. Call it with no registry monitor held. */
  void runPending() {
    List<Pending> work = new ArrayList<>(pending.get());
    pending.remove();
    for (Pending copy : work) {
      for (ReplicationTarget target : copy.targets()) {
        String region = target.destination().region();
        String registryId = target.destination().registryId();
        if (region.equals(copy.sourceRegion()) && registryId.equals(copy.sourceRegistryId())) {
          continue;
        }
        String failure = replicate(copy, state.registry(registryId, region));
        RegistryState source = state.registry(copy.sourceRegistryId(), copy.sourceRegion());
        synchronized (source) {
          copy.image()
              .replicationStatuses()
              .put(
                  region + "/" + registryId,
                  new ImageRecord.ReplicationStatus(
                      region, registryId, failure == null ? "COMPLETE" : "FAILED", failure));
        }
      }
    }
  }

  /** Drops copies scheduled by a request that failed. */
  void discardPending() {
    pending.remove();
  }

  /** Copies one image into {@code destination} and returns the failure code, or null on success. */
  private @Nullable String replicate(Pending copy, RegistryState destination) {
    synchronized (destination) {
      if (!destination.registryId().equals(copy.sourceRegistryId())
          && !allows(destination.policyText(), copy.sourceRegistryId())) {
        return NOT_ALLOWED;
      }
      RepositoryState repository = destination.repositories().get(copy.repository());
      if (repository == null) {
        repository =
            RepositoryFactory.create(
                state,
                destination,
                copy.repository(),
                RepositoryFactory.template(destination, copy.repository(), "REPLICATION")
                    .orElse(null),
                state.now());
      }
      ImageRecord source = copy.image();
      repository.blobs().addAll(source.blobDigests());
      ImageRecord image = repository.imageByDigest(source.digest()).orElse(null);
      if (image == null) {
        image =
            new ImageRecord(
                source.digest(),
                source.manifest(),
                source.mediaType(),
                source.artifactMediaType(),
                source.subjectDigest(),
                source.childDigests(),
                source.blobDigests(),
                source.sizeInBytes(),
                state.now());
        repository.addImage(image);
      }
      String tag = copy.tag();
      if (tag != null && !image.tags().contains(tag)) {
        if (repository.imageByTag(tag).isPresent() && repository.isTagImmutable(tag)) {
          return "The tag '"
              + tag
              + "' is immutable in the destination repository and names another image.";
        }
        repository.tag(tag, image);
      }
      return null;
    }
  }

  /**
   * Returns true when {@code policyText} has an Allow statement for {@code sourceAccount} with
   * {@code ecr:ReplicateImage}. Conditions and resources are not evaluated.
   */
  static boolean allows(@Nullable String policyText, String sourceAccount) {
    if (policyText == null) {
      return false;
    }
    JsonNode policy = Json.parseDocument(policyText);
    if (policy == null) {
      return false;
    }
    JsonNode statements = policy.path("Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    }
    for (JsonNode statement : list) {
      if (!"Allow".equals(Json.text(statement, "Effect"))) {
        continue;
      }
      boolean principal =
          matchesAny(
              statement.path("Principal").isString()
                  ? statement.path("Principal")
                  : statement.path("Principal").path("AWS"),
              value ->
                  value.equals("*")
                      || value.equals(sourceAccount)
                      || value.equals("arn:aws:iam::" + sourceAccount + ":root"));
      boolean action =
          matchesAny(
              statement.path("Action"),
              value ->
                  value.equals("*")
                      || value.equalsIgnoreCase("ecr:*")
                      || value.equalsIgnoreCase("ecr:ReplicateImage"));
      if (principal && action) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(JsonNode node, java.util.function.Predicate<String> predicate) {
    if (node.isString()) {
      return predicate.test(node.stringValue());
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (element.isString() && predicate.test(element.stringValue())) {
          return true;
        }
      }
    }
    return false;
  }
}
