package dev.ecr4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Parses the locations of push, pull and copy, checks their kinds, and runs the transfer. */
final class TransferCommands {

  enum Direction {
    PUSH,
    PULL,
    COPY
  }

  private TransferCommands() {}

  static int run(
      CommandSpec spec,
      TransferOptions options,
      String sourceText,
      String targetText,
      Direction direction) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    ImageLocation source;
    ImageLocation target;
    try {
      source = ImageLocation.parse(sourceText);
      target = ImageLocation.parse(targetText);
    } catch (IllegalArgumentException e) {
      return usage(err, name, String.valueOf(e.getMessage()));
    }
    if (direction == Direction.PUSH && (source.isRegistry() || !target.isRegistry())) {
      return usage(
          err,
          name,
          "push reads a local image and writes to a registry; use 'ecr4j copy' for other"
              + " combinations");
    }
    if (direction == Direction.PULL && (!source.isRegistry() || target.isRegistry())) {
      return usage(
          err,
          name,
          "pull reads from a registry and writes a local image; use 'ecr4j copy' for other"
              + " combinations");
    }
    String verb = "copied";
    if (direction == Direction.PUSH) {
      verb = "pushed";
    } else if (direction == Direction.PULL) {
      verb = "pulled";
    }
    int exitCode =
        Transfer.run(
            source,
            target,
            options,
            out,
            err,
            direction.name().toLowerCase(java.util.Locale.ROOT),
            verb);
    out.flush();
    return exitCode;
  }

  private static int usage(PrintWriter err, String name, String message) {
    err.println("error: " + Printable.escapeControlCharacters(message));
    err.println("Run '" + name + " --help' for the usage and options.");
    return ExitCodes.USAGE;
  }
}
