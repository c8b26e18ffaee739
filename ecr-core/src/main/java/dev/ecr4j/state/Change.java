package dev.ecr4j.state;

import dev.ecr4j.core.Ecr4jClient;
import java.util.List;
import java.util.Objects;

/**
 * One change of a {@link Plan}: what it does to which resource, and the fields it sets. Instances
 * are immutable.
 */
public final class Change {

  /** The kind of change to a resource. */
  public enum Action {
    /** Creates the resource. */
    CREATE,
    /** Changes the resource in place. */
    UPDATE,
    /** Deletes the resource; always destructive. */
    DELETE,
    /** Deletes the resource and creates it again, because ECR cannot change it in place. */
    REPLACE
  }

  /** The ECR calls that make a change. */
  @FunctionalInterface
  interface Step {
    void run(Ecr4jClient client);
  }

  private final Action action;
  private final ResourceType type;
  private final String name;
  private final List<FieldChange> fields;
  private final boolean waitsForPrincipals;
  private final Step step;

  Change(
      Action action,
      ResourceType type,
      String name,
      List<FieldChange> fields,
      boolean waitsForPrincipals,
      Step step) {
    this.action = Objects.requireNonNull(action, "action");
    this.type = Objects.requireNonNull(type, "type");
    this.name = Objects.requireNonNull(name, "name");
    this.fields = List.copyOf(fields);
    this.waitsForPrincipals = waitsForPrincipals;
    this.step = Objects.requireNonNull(step, "step");
  }

  /** Returns what the change does. */
  public Action action() {
    return action;
  }

  /** Returns the kind of resource. */
  public ResourceType type() {
    return type;
  }

  /**
   * Returns the resource's name: the repository name, template prefix, rule prefix or setting name;
   * empty for the registry's singletons such as the registry policy.
   */
  public String name() {
    return name;
  }

  /** Returns the fields the change sets, changes or removes. */
  public List<FieldChange> fields() {
    return fields;
  }

  /**
   * Returns true when the change deletes something: a repository with its images, a policy, a
   * configuration, a template or a rule. Applying such a change must be allowed explicitly.
   */
  public boolean isDestructive() {
    return action == Action.DELETE || action == Action.REPLACE;
  }

  /** Returns the resource as a plan renders it, such as {@code lifecycle policy of team/web}. */
  public String resource() {
    return switch (type) {
      case REGISTRY_POLICY, REPLICATION, SCANNING -> type.displayName();
      case LIFECYCLE_POLICY, REPOSITORY_POLICY -> type.displayName() + " of " + name;
      default -> type.displayName() + " " + name;
    };
  }

  /** Returns true when ECR may reject the change until IAM has propagated new principals. */
  boolean waitsForPrincipals() {
    return waitsForPrincipals;
  }

  /** Makes the change with {@code client}. */
  void run(Ecr4jClient client) {
    step.run(client);
  }

  /** Returns the change as one line, such as {@code UPDATE repository team/web}. */
  @Override
  public String toString() {
    return action + " " + resource();
  }
}
