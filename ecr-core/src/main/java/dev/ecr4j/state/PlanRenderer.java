package dev.ecr4j.state;

import java.util.List;

/** Renders a {@link Plan} as text for a terminal or a review. */
final class PlanRenderer {

  private static final String INDENT = "      ";

  private PlanRenderer() {}

  static String render(Plan plan, boolean destructiveAllowed) {
    StringBuilder out = new StringBuilder();
    if (plan.isEmpty()) {
      out.append("No changes: ").append(registry(plan)).append(" matches the specification.\n");
      return out.toString();
    }
    out.append("Plan for ").append(registry(plan)).append(": ").append(summary(plan)).append(".\n");

    for (Change change : plan.changes()) {
      out.append('\n').append(symbol(change.action())).append(' ').append(change.resource());
      if (change.isDestructive()) {
        out.append("   <-- DESTRUCTIVE: ").append(destructiveNote(change));
      }
      out.append('\n');
      for (FieldChange field : change.fields()) {
        out.append(INDENT).append(field(change.action(), field)).append('\n');
      }
    }

    if (!plan.conflicts().isEmpty()) {
      out.append("\nConflicts that apply cannot resolve:\n");
      for (Plan.Conflict conflict : plan.conflicts()) {
        out.append("\n! ").append(conflict.resource()).append('\n');
        out.append(INDENT).append(conflict.message()).append('\n');
        out.append(INDENT).append("Fix: ").append(conflict.fix()).append('\n');
      }
    }

    List<Change> destructive = plan.destructiveChanges();
    if (!destructive.isEmpty()) {
      out.append('\n')
          .append(destructive.size())
          .append(destructive.size() == 1 ? " change is" : " changes are")
          .append(
              destructiveAllowed
                  ? " destructive and will be applied, because destructive changes are allowed.\n"
                  : " destructive and will be applied only when destructive changes are"
                      + " allowed.\n");
    }
    return out.toString();
  }

  /** Returns "registry 123456789012 in eu-west-1", or "the registry in eu-west-1". */
  private static String registry(Plan plan) {
    return plan.registry().startsWith("in ")
        ? "the registry " + plan.registry()
        : "registry " + plan.registry();
  }

  static String summary(Plan plan) {
    String text =
        plan.count(Change.Action.CREATE)
            + " to create, "
            + plan.count(Change.Action.UPDATE)
            + " to update, "
            + plan.count(Change.Action.DELETE)
            + " to delete";
    long replace = plan.count(Change.Action.REPLACE);
    if (replace > 0) {
      text += ", " + replace + " to replace";
    }
    if (!plan.conflicts().isEmpty()) {
      text +=
          ", "
              + plan.conflicts().size()
              + (plan.conflicts().size() == 1 ? " conflict" : " conflicts");
    }
    return text;
  }

  private static String symbol(Change.Action action) {
    return switch (action) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case DELETE -> "-";
      case REPLACE -> "-/+";
    };
  }

  private static String destructiveNote(Change change) {
    if (change.action() == Change.Action.REPLACE) {
      return "deleted and created again, so it is missing in between";
    }
    return switch (change.type()) {
      case REPOSITORY -> "deletes the repository and every image in it";
      case LIFECYCLE_POLICY, REPOSITORY_POLICY, REGISTRY_POLICY -> "deletes the policy";
      case REPLICATION -> "stops all replication";
      default -> "deletes it";
    };
  }

  private static String field(Change.Action action, FieldChange field) {
    if (field.before() == null) {
      return action == Change.Action.CREATE
          ? field.field() + ": " + field.after()
          : field.field() + ": (none) -> " + field.after();
    }
    if (field.after() == null) {
      return field.field() + ": " + field.before() + " -> (removed)";
    }
    return field.field() + ": " + field.before() + " -> " + field.after();
  }
}
