package dev.ecr4j.state;

import java.util.List;

/**
 * Result of an apply: the changes it made.
 *
 * @param applied the changes made, in order
 */
public record ApplyResult(List<Change> applied) {

  public ApplyResult {
    applied = List.copyOf(applied);
  }
}
