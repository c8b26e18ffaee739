package dev.ecr4j.state;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies a {@link RegistrySpec} against the live registry of one {@link Ecr4jClient},
 * and imports a live registry into a specification.
 *
 * <pre>{@code
 * StateEngine engine = StateEngine.of(ecr);
 * Plan plan = engine.plan(spec);
 * System.out.print(plan.render());
 * if (!plan.isEmpty()) {
 *   engine.apply(plan, ApplyOptions.defaults());
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Planning only reads, and reads only what the specification manages.
 *   <li>Apply makes the plan's changes in dependency order: account settings, registry policy,
 *       replication, scanning, creation templates, pull through cache rules, then repositories with
 *       their policies, and deletions of repositories last.
 *   <li>Singletons are put in place (PutLifecyclePolicy, SetRepositoryPolicy, PutRegistryPolicy,
 *       PutReplicationConfiguration); nothing is deleted to be created again, except a pull through
 *       cache rule whose upstream changes, which ECR cannot change in place.
 *   <li>A plan against a registry that matches its specification is empty, so a second apply of the
 *       same specification does nothing.
 *   <li>Apply stops at the first failure and reports what it applied in an {@link
 *       ApplyFailedException}.
 * </ul>
 *
 * <p>Thread-safe: its only state is the client.
 */
public final class StateEngine {

  private static final Logger LOG = LoggerFactory.getLogger(StateEngine.class);

  /** Reads in flight while planning; well below ECR's per-API quotas of tens of calls a second. */
  private static final int DEFAULT_READ_PARALLELISM = 8;

  // ECR's texts when a policy names a principal that IAM does not know yet. "Invalid ... policy
  // provided" also covers malformed policies, but the DSL has validated the policy before apply.
  private static final List<String> PROPAGATION_MESSAGES =
      List.of(
          "Principal not found",
          "Invalid repository policy provided",
          "Invalid registry policy provided");

  private final Ecr4jClient client;
  private final int readParallelism;

  private StateEngine(Ecr4jClient client, int readParallelism) {
    this.client = client;
    this.readParallelism = readParallelism;
  }

  /** Returns an engine for the registry of {@code client}, reading with 8 calls in flight. */
  public static StateEngine of(Ecr4jClient client) {
    return new StateEngine(Objects.requireNonNull(client, "client"), DEFAULT_READ_PARALLELISM);
  }

  /**
   * Returns an engine that reads with {@code readParallelism} calls in flight, 1 to 64.
   *
   * @throws IllegalArgumentException when {@code readParallelism} is out of range
   */
  public static StateEngine of(Ecr4jClient client, int readParallelism) {
    if (readParallelism < 1 || readParallelism > 64) {
      throw new IllegalArgumentException(
          "readParallelism must be 1 to 64, but was " + readParallelism);
    }
    return new StateEngine(Objects.requireNonNull(client, "client"), readParallelism);
  }

  /**
   * Compares {@code spec} with the live registry and returns the changes that make them match.
   *
   * @throws IllegalArgumentException when the specification names another region or account than
   *     the client's
   * @throws dev.ecr4j.core.Ecr4jException when reading the registry fails
   */
  public Plan plan(RegistrySpec spec) {
    Objects.requireNonNull(spec, "spec");
    checkRegistry(spec);
    LiveRegistry live = new LiveReader(client, readParallelism).read(LiveReader.Needs.of(spec));
    return Planner.plan(spec, live);
  }

  /**
   * Returns what drifted since {@code spec} was last applied: the plan against the live registry,
   * which is empty when nothing drifted.
   */
  public Plan detectDrift(RegistrySpec spec) {
    return plan(spec);
  }

  /** Applies {@code plan} with the default options, which refuse destructive changes. */
  public ApplyResult apply(Plan plan) {
    return apply(plan, ApplyOptions.defaults());
  }

  /**
   * Makes the changes of {@code plan} in order, stopping at the first failure.
   *
   * @throws IllegalStateException when the plan has conflicts, or destructive changes that {@code
   *     options} do not allow; nothing is changed then
   * @throws ApplyFailedException when a change failed, with what was applied before it
   */
  public ApplyResult apply(Plan plan, ApplyOptions options) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    if (!plan.conflicts().isEmpty()) {
      throw new IllegalStateException(
          "The plan has "
              + plan.conflicts().size()
              + " conflicts that apply cannot resolve, so nothing was changed: "
              + plan.conflicts().stream()
                  .map(Plan.Conflict::toString)
                  .collect(Collectors.joining("; ")));
    }
    List<Change> destructive = plan.destructiveChanges();
    if (!destructive.isEmpty() && !options.allowDestructiveChanges()) {
      throw new IllegalStateException(
          "The plan has "
              + destructive.size()
              + " destructive changes ("
              + destructive.stream().map(Change::toString).collect(Collectors.joining(", "))
              + "), so nothing was changed. Allow them with"
              + " ApplyOptions.builder().allowDestructiveChanges(true), or change the"
              + " specification");
    }

    List<Change> applied = new ArrayList<>();
    List<Change> changes = plan.changes();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      try {
        run(change, options);
      } catch (RuntimeException e) {
        LOG.debug("event=applyFailed change=\"{}\" applied={}", change, applied.size(), e);
        throw new ApplyFailedException(applied, change, changes.subList(i + 1, changes.size()), e);
      }
      applied.add(change);
      LOG.debug("event=applied change=\"{}\"", change);
      options.listener().accept(change);
    }
    return new ApplyResult(applied);
  }

  /**
   * Reads the whole live registry into a specification that manages everything that exists: every
   * repository with its settings, tags and policies, and every registry-wide setting. Policies a
   * repository does not have stay unmanaged, and nothing is marked absent, so a plan of the result
   * against the same registry is empty.
   *
   * @throws dev.ecr4j.core.Ecr4jException when reading fails
   * @throws IllegalStateException when a stored policy is outside the DSL's grammar, because such a
   *     policy cannot be written into a specification
   */
  public RegistrySpec importRegistry() {
    LiveRegistry live = new LiveReader(client, readParallelism).read(LiveReader.Needs.all());
    return Importer.toSpec(live, client);
  }

  private void checkRegistry(RegistrySpec spec) {
    spec.region()
        .filter(region -> !region.equals(client.region()))
        .ifPresent(
            region -> {
              throw new IllegalArgumentException(
                  "The specification is for region "
                      + region
                      + " but the client is for "
                      + client.region()
                      + "; use a client of "
                      + region
                      + " or change the specification's region");
            });
    spec.accountId()
        .ifPresent(
            account ->
                client
                    .accountId()
                    .filter(clientAccount -> !clientAccount.equals(account))
                    .ifPresent(
                        clientAccount -> {
                          throw new IllegalArgumentException(
                              "The specification is for account "
                                  + account
                                  + " but the client is for "
                                  + clientAccount
                                  + "; use credentials of "
                                  + account
                                  + " or change the specification's accountId");
                        }));
  }

  /** Runs one change, retrying a policy change that waits for IAM to propagate a principal. */
  private void run(Change change, ApplyOptions options) {
    int attempts = change.waitsForPrincipals() ? options.principalAttempts() : 1;
    Duration delay = options.principalBaseDelay();
    for (int attempt = 1; ; attempt++) {
      try {
        change.run(client);
        return;
      } catch (InvalidRequestException e) {
        if (attempt >= attempts || !isPrincipalPropagation(e)) {
          throw e;
        }
        LOG.debug(
            "event=principalNotPropagated change=\"{}\" attempt={} waitMs={}",
            change,
            attempt,
            delay.toMillis());
        sleep(options, delay);
        delay = min(delay.multipliedBy(2), options.principalMaxDelay());
      }
    }
  }

  private static boolean isPrincipalPropagation(InvalidRequestException e) {
    String message = String.valueOf(e.getMessage());
    return PROPAGATION_MESSAGES.stream().anyMatch(message::contains);
  }

  private static void sleep(ApplyOptions options, Duration delay) {
    try {
      options.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ecr4jException("Interrupted while waiting for IAM to propagate a principal", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
