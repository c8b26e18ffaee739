package dev.ecr4j.testkit.emulator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs skopeo and umoci for the registry API tests, and builds small OCI images with umoci. */
final class ExternalTools {

  /** The exit code, standard output and standard error of one command. */
  record Result(int exitCode, String output, String error) {
    Result requireSuccess(List<String> command) {
      if (exitCode != 0) {
        throw new AssertionError(
            "Command " + command + " failed with exit code " + exitCode + ":\n" + error + output);
      }
      return this;
    }
  }

  private ExternalTools() {}

  /** Skips the calling test, with the reason, unless skopeo and umoci are installed. */
  static void assumeSkopeoAndUmoci() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/skopeo")),
        "skopeo is not installed (Debian package skopeo); the registry API tests need a real client");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/umoci")),
        "umoci is not installed (Debian package umoci); the registry API tests build images with it");
  }

  /** Runs {@code command} with a 5-minute limit and returns its result. */
  static Result run(Path workDirectory, String... command)
      throws IOException, InterruptedException {
    List<String> arguments = Arrays.asList(command);
    Path out = Files.createTempFile(workDirectory, "out", ".txt");
    Path err = Files.createTempFile(workDirectory, "err", ".txt");
    Process process =
        new ProcessBuilder(arguments)
            .directory(workDirectory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("Command " + arguments + " did not finish within 5 minutes");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs {@code command} and fails the test when it exits with another code than 0. */
  static Result require(Path workDirectory, String... command)
      throws IOException, InterruptedException {
    return run(workDirectory, command).requireSuccess(Arrays.asList(command));
  }

  /**
   * Builds an OCI image layout at {@code layout} with tag {@code tag}: one layer per entry of
   * {@code layers}, each a file {@code layerN.bin} with that content.
   */
  static void buildImage(Path workDirectory, Path layout, String tag, List<byte[]> layers)
      throws IOException, InterruptedException {
    if (!Files.exists(layout)) {
      require(workDirectory, "umoci", "init", "--layout", layout.toString());
    }
    String image = layout + ":" + tag;
    require(workDirectory, "umoci", "new", "--image", image);
    Path bundle = workDirectory.resolve("bundle-" + tag + "-" + System.nanoTime());
    require(workDirectory, "umoci", "unpack", "--rootless", "--image", image, bundle.toString());
    for (int i = 0; i < layers.size(); i++) {
      Files.write(bundle.resolve("rootfs").resolve("layer" + i + ".bin"), layers.get(i));
      require(workDirectory, "umoci", "repack", "--image", image, bundle.toString());
    }
  }

  /** Returns {@code count} bytes that do not compress, from a fixed seed. */
  static byte[] randomBytes(int count, long seed) {
    byte[] bytes = new byte[count];
    new java.util.Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Returns the arguments of a {@code skopeo copy} between two references. */
  static List<String> skopeoCopy(String source, String destination, String... options) {
    List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet"));
    command.addAll(Arrays.asList(options));
    command.add(source);
    command.add(destination);
    return command;
  }
}
