package dev.ecr4j.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs moto's server ({@code python3 -m moto.server}) on a free 127.0.0.1 port for a test class,
 * and skips the class with the reason when python3 or moto is missing.
 */
final class MotoServer implements BeforeAllCallback, AfterAllCallback {

  // moto imports every AWS service at start-up, which takes a few seconds on a busy machine.
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private @Nullable Process process;
  private @Nullable Path log;
  private @Nullable URI endpoint;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    assumeTrue(
        commandSucceeds("python3", "-c", "import moto.server"),
        "moto tests skipped: 'python3 -c \"import moto.server\"' failed; install moto"
            + " (pip install 'moto[server]') for python3");

    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path logFile = Files.createTempFile("moto-", ".log");
    log = logFile;
    Process started =
        new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", "" + port)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    process = started;
    URI uri = URI.create("http://127.0.0.1:" + port);
    endpoint = uri;
    awaitReady(started, logFile, uri);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("moto server has not started");
    }
    return endpoint;
  }

  private static void awaitReady(Process process, Path log, URI endpoint) throws Exception {
    long giveUpAt = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < giveUpAt) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2_000);
        if (connection.getResponseCode() < 500) {
          return;
        }
      } catch (IOException notYet) {
        // The server is not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "moto server did not respond within " + STARTUP_TIMEOUT.toSeconds() + " s");
  }

  private static boolean commandSucceeds(String... command) {
    try {
      Process check =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
              .start();
      return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
