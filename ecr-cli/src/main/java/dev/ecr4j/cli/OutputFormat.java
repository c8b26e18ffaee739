package dev.ecr4j.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The output formats of {@code lifecycle preview}. */
enum OutputFormat {
  /** A table of every image for people, with a summary line. */
  TABLE,
  /** ECR's {@code GetLifecyclePolicyPreview} response, for scripts. */
  JSON;

  /** Returns the name as written on the command line. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code table} or {@code json}, in any case. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.optionValue().equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new TypeConversionException(
          "\"" + value + "\" is not an output format; use table or json");
    }
  }

  /** The values listed in the help text. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(TABLE.optionValue(), JSON.optionValue()).iterator();
    }
  }
}
