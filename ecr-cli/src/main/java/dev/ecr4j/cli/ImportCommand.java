package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.SpecFiles;
import dev.ecr4j.state.SpecFormat;
import dev.ecr4j.state.StateEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecr4j import [--format yaml|json|java] [--output FILE]}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reads the whole live registry and prints a specification that manages everything in it:"
          + " every repository with its settings, tags and policies, and the registry-wide"
          + " settings. A plan of the result against the same registry is empty.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:A stored policy is outside ecr4j's grammar and cannot be written into a specification.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.ECR_FAILURE_LINE
    })
final class ImportCommand implements Callable<Integer> {

  /** The formats, as the option spells them. */
  enum Format {
    yaml(SpecFormat.YAML),
    json(SpecFormat.JSON),
    java(SpecFormat.JAVA);

    private final SpecFormat format;

    Format(SpecFormat format) {
      this.format = format;
    }
  }

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "yaml (default), json, or java: a class that builds the spec with the DSL.")
  private Format format = Format.yaml;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output; an existing file is replaced.")
  private @Nullable Path output;

  @Option(
      names = "--java-package",
      paramLabel = "PACKAGE",
      description = "The package of the Java class, for --format java. Default: none.")
  private String javaPackage = "";

  @Option(
      names = "--java-class",
      paramLabel = "CLASS",
      description =
          "The name of the Java class, for --format java. Default: RegistrySpecification.")
  private String javaClass = "RegistrySpecification";

  @Mixin private ConnectionOptions connection = new ConnectionOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      RegistrySpec imported;
      try (Ecr4jClient client = connection.client()) {
        imported = StateEngine.of(client).importRegistry();
      } catch (Ecr4jException e) {
        throw SpecInput.ecrFailure("Import", e);
      } catch (IllegalStateException e) {
        throw new CliException(ExitCodes.INVALID_INPUT, String.valueOf(e.getMessage()));
      }
      String text = render(imported);
      if (output == null) {
        out.print(text);
        out.flush();
      } else {
        write(output, text);
        int count = imported.repositories().size();
        err.println(
            "Imported "
                + count
                + (count == 1 ? " repository into " : " repositories into ")
                + InputFiles.quoted(output)
                + ".");
      }
      return ExitCodes.OK;
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    }
  }

  private String render(RegistrySpec imported) throws CliException {
    if (format != Format.java) {
      return SpecFiles.write(imported, format.format);
    }
    try {
      return SpecFiles.writeJava(imported, javaPackage, javaClass);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, String.valueOf(e.getMessage()));
    }
  }

  private static void write(Path file, String text) throws CliException {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot write "
              + InputFiles.quoted(file)
              + ": "
              + e.getMessage()
              + "; choose another file");
    }
  }
}
