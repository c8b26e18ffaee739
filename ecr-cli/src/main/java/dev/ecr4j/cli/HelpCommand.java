package dev.ecr4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND...]}: prints the help of the command that the arguments name, starting from
 * the command that {@code help} belongs to, so that {@code ecr4j help lifecycle preview} and {@code
 * ecr4j lifecycle help preview} both print the help of {@code preview}. Without arguments it prints
 * the help of the command it belongs to. Picocli's own {@code HelpCommand} reads only the first
 * name.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = {
      "Prints the usage, options and exit codes of a command, such as: ecr4j help lifecycle"
          + " preview.",
      ""
    })
final class HelpCommand implements IHelpCommandInitializable2, Runnable {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  private boolean usageHelpRequested;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command, followed by its subcommands, such as: lifecycle preview.")
  private List<String> names = new ArrayList<>();

  private @Nullable CommandLine self;
  private Help.@Nullable ColorScheme colorScheme;
  private @Nullable PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine,
      Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colorScheme = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    if (self == null || out == null || colorScheme == null) {
      throw new IllegalStateException("picocli runs the help command only after init()");
    }
    CommandLine command = self.getParent();
    if (command == null) {
      self.usage(out, colorScheme);
      return;
    }
    for (String name : names) {
      CommandLine subcommand = command.getSubcommands().get(name);
      if (subcommand == null) {
        throw new ParameterException(command, Ecr4jCommand.unknownCommand(command, name));
      }
      command = subcommand;
    }
    command.usage(out, colorScheme);
  }
}
