package dev.ecr4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reads the version from the {@code pom.properties} that Maven packs into the jar. Classes run from
 * a build directory, as in tests, have no such file and report a development build.
 */
final class VersionProvider implements IVersionProvider {

  static final String POM_PROPERTIES = "/META-INF/maven/dev.ecr4j/ecr-cli/pom.properties";

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {
      "ecr4j " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  static String version() throws IOException {
    try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "development build (not packaged, version unknown)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown version");
    }
  }
}
