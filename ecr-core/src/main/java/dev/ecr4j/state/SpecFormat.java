package dev.ecr4j.state;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats of a {@link RegistrySpec}. */
public enum SpecFormat {
  /** YAML, read and written; files end with {@code .yaml} or {@code .yml}. */
  YAML,
  /** JSON, read and written; files end with {@code .json}. */
  JSON,
  /** Java source that builds the specification with the DSL; written only. */
  JAVA;

  /** Returns the format that the name of {@code file} implies, if its extension is known. */
  public static Optional<SpecFormat> of(Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return Optional.of(YAML);
    }
    if (lower.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (lower.endsWith(".java")) {
      return Optional.of(JAVA);
    }
    return Optional.empty();
  }
}
