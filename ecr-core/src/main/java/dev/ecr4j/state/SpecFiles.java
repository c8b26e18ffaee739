package dev.ecr4j.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes {@link RegistrySpec}s as YAML or JSON files, and writes them as Java source.
 *
 * <pre>{@code
 * RegistrySpec spec = SpecFiles.read(Path.of("registry.yaml"));
 * Files.writeString(Path.of("registry.json"), SpecFiles.write(spec, SpecFormat.JSON));
 * }</pre>
 *
 * <h2>File format</h2>
 *
 * <p>An object with the optional keys {@code version} (1), {@code region}, {@code accountId},
 * {@code accountSettings} (setting name to value), {@code registryPolicy}, {@code replication},
 * {@code scanning}, {@code creationTemplates} (prefix to template), {@code pullThroughCacheRules}
 * (prefix to rule), {@code unlisted} and {@code repositories} (name to settings). Documents are
 * written as ECR's own JSON, as objects. A key that is missing leaves its setting unmanaged, and
 * the string {@code absent} requires that the setting, repository, template or rule not exist.
 * docs/policy-as-code.md describes every key.
 */
public final class SpecFiles {

  private SpecFiles() {}

  /**
   * Reads the YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) file {@code file}.
   *
   * @throws SpecFileException listing every problem of the content, with its path and fix
   * @throws IllegalArgumentException when the extension is not one of those
   * @throws IOException when the file cannot be read
   */
  public static RegistrySpec read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    SpecFormat format = readableFormat(file);
    return parse(Files.readString(file, StandardCharsets.UTF_8), format, file.toString());
  }

  /**
   * Parses {@code text} in {@code format}, naming {@code source} in error messages.
   *
   * @throws SpecFileException listing every problem, with its path and fix
   */
  public static RegistrySpec parse(String text, SpecFormat format, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(source, "source");
    return SpecReader.read(text, format, source);
  }

  /**
   * Renders {@code spec} as YAML or JSON text, which {@link #parse(String, SpecFormat, String)}
   * reads back to an equal specification. Java source is rendered as the class {@code
   * RegistrySpecification} without a package.
   */
  public static String write(RegistrySpec spec, SpecFormat format) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(format, "format");
    if (format == SpecFormat.JAVA) {
      return writeJava(spec, "", "RegistrySpecification");
    }
    return SpecWriter.write(spec, format);
  }

  /**
   * Renders {@code spec} as a Java class with a static {@code spec()} method that builds it with
   * the DSL.
   *
   * @param packageName the package, or empty for none
   * @param className the class name
   * @throws IllegalArgumentException when a name is not valid in Java
   */
  public static String writeJava(RegistrySpec spec, String packageName, String className) {
    Objects.requireNonNull(spec, "spec");
    return JavaSpecWriter.write(spec, packageName, className);
  }

  /**
   * Writes {@code spec} to {@code file} in the format that its extension selects: {@code .yaml},
   * {@code .yml}, {@code .json} or {@code .java}. A Java class is named after the file.
   *
   * @throws IllegalArgumentException when the extension is not one of those
   * @throws IOException when the file cannot be written
   */
  public static void write(RegistrySpec spec, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    SpecFormat format =
        SpecFormat.of(file)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cannot tell the format of \""
                            + file
                            + "\"; name it .yaml, .yml, .json or .java"));
    String text;
    if (format == SpecFormat.JAVA) {
      String fileName = String.valueOf(file.getFileName());
      text = writeJava(spec, "", fileName.substring(0, fileName.length() - ".java".length()));
    } else {
      text = write(spec, format);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static SpecFormat readableFormat(Path file) {
    SpecFormat format =
        SpecFormat.of(file)
            .filter(candidate -> candidate != SpecFormat.JAVA)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cannot tell the format of \""
                            + file
                            + "\"; name it .yaml, .yml or .json"));
    return format;
  }
}
