package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.SpecFileException;
import dev.ecr4j.state.SpecFiles;
import dev.ecr4j.state.SpecFormat;
import dev.ecr4j.state.SpecProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads specification files for {@code plan} and {@code apply}, and words ECR failures. */
final class SpecInput {

  private static final String ROLE = "specification file";

  // A registry of thousands of repositories with their policies fits in a few megabytes.
  private static final long MAX_BYTES = 64L * 1024 * 1024;

  private SpecInput() {}

  /**
   * Reads the YAML or JSON specification {@code file}.
   *
   * @throws CliException with every problem of the file, or a usage error when it cannot be read
   */
  static RegistrySpec read(Path file) throws CliException {
    SpecFormat format =
        SpecFormat.of(file)
            .filter(candidate -> candidate != SpecFormat.JAVA)
            .orElseThrow(
                () ->
                    new CliException(
                        ExitCodes.USAGE,
                        ROLE
                            + " "
                            + InputFiles.quoted(file)
                            + " has no known extension; name it .yaml, .yml or .json"));
    String text =
        InputFiles.readText(
            file, ROLE, MAX_BYTES, "split the registry into several specifications");
    try {
      return SpecFiles.parse(text, format, file.toString());
    } catch (SpecFileException e) {
      List<String> details = new ArrayList<>();
      for (SpecProblem problem : e.problems()) {
        details.add(problem.toString());
      }
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          ROLE
              + " "
              + InputFiles.quoted(file)
              + " is invalid ("
              + e.problems().size()
              + (e.problems().size() == 1 ? " problem):" : " problems):"),
          details);
    }
  }

  /** Prints {@code text} line by line, escaping what could drive the terminal in each line. */
  static void printLines(java.io.PrintWriter out, String text) {
    text.lines().forEach(line -> out.println(Printable.escapeControlCharacters(line)));
    out.flush();
  }

  /** Returns the failure of a call to ECR as a command error. */
  static CliException ecrFailure(String action, Ecr4jException e) {
    return new CliException(ExitCodes.ECR_FAILURE, action + " failed: " + e.getMessage());
  }
}
