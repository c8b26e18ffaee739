package dev.ecr4j.state;

import dev.ecr4j.core.Ecr4jException;
import java.util.List;

/**
 * Thrown when a change of a plan failed. Apply stops at the first failure, so the exception records
 * which changes were applied before it, which change failed and which were not attempted. The cause
 * is the failure itself. Planning again shows what is left to do.
 */
public final class ApplyFailedException extends Ecr4jException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable list of changes, never serialized in practice
  private final List<Change> applied;

  @SuppressWarnings("serial")
  private final Change failed;

  @SuppressWarnings("serial")
  private final List<Change> notAttempted;

  ApplyFailedException(
      List<Change> applied, Change failed, List<Change> notAttempted, RuntimeException cause) {
    super(
        "Apply failed at change "
            + (applied.size() + 1)
            + " of "
            + (applied.size() + 1 + notAttempted.size())
            + " ("
            + failed
            + "): "
            + cause.getMessage()
            + ". "
            + applied.size()
            + " changes were applied before it and "
            + notAttempted.size()
            + " were not attempted; plan again to see what is left",
        cause);
    this.applied = List.copyOf(applied);
    this.failed = failed;
    this.notAttempted = List.copyOf(notAttempted);
  }

  /** Returns the changes applied before the failure, in order. */
  public List<Change> applied() {
    return applied;
  }

  /** Returns the change that failed. */
  public Change failed() {
    return failed;
  }

  /** Returns the changes after the failed one, which were not attempted. */
  public List<Change> notAttempted() {
    return notAttempted;
  }
}
