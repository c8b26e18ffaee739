package dev.ecr4j.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Finds and runs the command-line tools the tests drive: umoci, skopeo, docker-registry. */
final class Tools {

  private Tools() {}

  /** Skips the test, with the reason, when {@code tool} is not on the PATH. */
  static void assumeInstalled(String tool, String debianPackage) {
    assumeTrue(
        find(tool) != null,
        tool
            + " is not installed; install the Debian package "
            + debianPackage
            + " (.ci/run does)");
  }

  static @Nullable Path find(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String directory : path.split(":")) {
      Path candidate = Path.of(directory, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs a command and returns its output; fails with the output when it exits non-zero. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("Timed out: " + command);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(command + " exited with " + process.exitValue() + ":\n" + text);
    }
    return text;
  }
}
