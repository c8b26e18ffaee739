package dev.ecr4j.state;

import java.util.Objects;

/**
 * One problem of a specification file.
 *
 * @param path where it is, as a JSON path such as {@code $.repositories['team/web'].scanOnPush}
 * @param message what is wrong, naming the value
 * @param fix how to correct it
 */
public record SpecProblem(String path, String message, String fix) {

  public SpecProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** Returns the problem on one line: path, message and fix. */
  @Override
  public String toString() {
    return path + ": " + message + " Fix: " + fix;
  }
}
