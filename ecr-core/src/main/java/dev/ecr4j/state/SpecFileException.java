package dev.ecr4j.state;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a specification file cannot be read into a {@link RegistrySpec}. It carries every
 * problem found, each with its path and fix, so that one round of edits is enough.
 */
public final class SpecFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;

  @SuppressWarnings("serial") // List.copyOf returns a serializable list of records.
  private final List<SpecProblem> problems;

  SpecFileException(String source, List<SpecProblem> problems) {
    super(format(source, problems));
    this.source = Objects.requireNonNull(source, "source");
    this.problems = List.copyOf(problems);
  }

  /** Returns the file name, or another description of where the text came from. */
  public String source() {
    return source;
  }

  /** Returns every problem, in document order. */
  public List<SpecProblem> problems() {
    return problems;
  }

  private static String format(String source, List<SpecProblem> problems) {
    StringBuilder message =
        new StringBuilder("Specification file \"")
            .append(source)
            .append("\" is invalid (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems")
            .append("):");
    for (SpecProblem problem : problems) {
      message.append(System.lineSeparator()).append("  ").append(problem);
    }
    return message.toString();
  }
}
