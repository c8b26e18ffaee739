package dev.ecr4j.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Debian's docker-registry (the reference distribution registry) on 127.0.0.1 and a free port, with
 * filesystem storage in a temporary directory, optionally behind htpasswd Basic auth.
 */
final class LocalRegistry implements AutoCloseable {

  static final String BINARY = "/usr/bin/docker-registry";

  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a registry without authentication. */
  static LocalRegistry start(Path directory) throws IOException, InterruptedException {
    return start(directory, null);
  }

  /** Starts a registry; with {@code htpasswdLine} it requires Basic auth for that user. */
  static LocalRegistry start(Path directory, @Nullable String htpasswdLine)
      throws IOException, InterruptedException {
    int port = freePort();
    Path storage = Files.createDirectories(directory.resolve("storage"));
    StringBuilder config = new StringBuilder();
    config.append("version: 0.1\n");
    config.append("log:\n  level: error\n  accesslog:\n    disabled: true\n");
    config.append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n');
    config.append("  delete:\n    enabled: true\n");
    config.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
    if (htpasswdLine != null) {
      Path htpasswd = directory.resolve("htpasswd");
      Files.writeString(htpasswd, htpasswdLine + "\n", StandardCharsets.UTF_8);
      config
          .append("auth:\n  htpasswd:\n    realm: test-realm\n    path: ")
          .append(htpasswd)
          .append('\n');
    }
    Path configFile = directory.resolve("config.yml");
    Files.writeString(configFile, config.toString(), StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(BINARY, "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port);
    registry.awaitReady(directory);
    return registry;
  }

  /** Returns {@code 127.0.0.1:PORT}. */
  String address() {
    return "127.0.0.1:" + port;
  }

  ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(address() + "/" + repositoryAndTag);
  }

  private void awaitReady(Path directory) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited: " + Files.readString(directory.resolve("registry.log")));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create("http://" + address() + "/v2/").toURL().openConnection();
        connection.setConnectTimeout(500);
        int code = connection.getResponseCode();
        connection.disconnect();
        if (code == 200 || code == 401) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IOException("docker-registry did not start within 20 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Returns an htpasswd line for {@code user}, with a bcrypt hash from Python's crypt module. */
  static String htpasswdLine(String user, String password)
      throws IOException, InterruptedException {
    String hash =
        Tools.run(
                List.of(
                    "python3",
                    "-W",
                    "ignore",
                    "-c",
                    "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))",
                    password))
            .trim();
    if (!hash.startsWith("$2")) {
      throw new IOException("Python's crypt module produced no bcrypt hash: " + hash);
    }
    return user + ":" + hash;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
