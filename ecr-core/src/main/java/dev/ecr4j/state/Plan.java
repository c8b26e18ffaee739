package dev.ecr4j.state;

import java.util.List;
import java.util.Objects;

/**
 * The difference between a {@link RegistrySpec} and the live registry: the changes that make the
 * registry match the specification, in the order {@link StateEngine#apply(Plan, ApplyOptions)}
 * makes them, and the conflicts that no change can resolve. A plan against a registry that matches
 * its specification is empty; after an apply, a non-empty plan is drift.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Plan {

  /**
   * A difference that apply cannot resolve, such as a repository whose encryption differs from the
   * specification, because ECR fixes encryption when it creates a repository.
   *
   * @param resource the resource, such as {@code repository team/web}
   * @param message what differs and why apply cannot change it
   * @param fix what the user can do
   */
  public record Conflict(String resource, String message, String fix) {
    public Conflict {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
      return resource + ": " + message + " Fix: " + fix;
    }
  }

  private final String registry;
  private final List<Change> changes;
  private final List<Conflict> conflicts;

  Plan(String registry, List<Change> changes, List<Conflict> conflicts) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.changes = List.copyOf(changes);
    this.conflicts = List.copyOf(conflicts);
  }

  /**
   * Returns the registry the plan is for, such as {@code 123456789012 in eu-west-1}, or {@code in
   * eu-west-1} when the account is unknown.
   */
  public String registry() {
    return registry;
  }

  /** Returns the changes in the order apply makes them. */
  public List<Change> changes() {
    return changes;
  }

  /** Returns the differences that apply cannot resolve; apply refuses a plan with any. */
  public List<Conflict> conflicts() {
    return conflicts;
  }

  /** Returns the changes that delete something, which apply makes only when allowed. */
  public List<Change> destructiveChanges() {
    return changes.stream().filter(Change::isDestructive).toList();
  }

  /** Returns true when the live registry matches the specification: no changes, no conflicts. */
  public boolean isEmpty() {
    return changes.isEmpty() && conflicts.isEmpty();
  }

  /** Returns the number of changes with {@code action}. */
  public long count(Change.Action action) {
    return changes.stream().filter(change -> change.action() == action).count();
  }

  /**
   * Renders the plan for people: a summary line, then each change as {@code +} (create), {@code ~}
   * (update), {@code -} (delete) or {@code -/+} (replace) with the fields it changes, and each
   * conflict as {@code !}. Destructive changes are marked.
   */
  public String render() {
    return PlanRenderer.render(this, false);
  }

  /**
   * Renders the plan as {@link #render()} does, except for the closing line about destructive
   * changes: with {@code destructiveAllowed}, it states that they will be applied.
   */
  public String render(boolean destructiveAllowed) {
    return PlanRenderer.render(this, destructiveAllowed);
  }

  /** Returns the summary line, such as {@code 2 to create, 1 to update, 0 to delete}. */
  public String summary() {
    return PlanRenderer.summary(this);
  }

  @Override
  public String toString() {
    return "Plan{" + registry + ": " + summary() + "}";
  }
}
