package dev.ecr4j.benchmarks.emulator;

import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Times {@code skopeo copy} of one OCI image into the embedded emulator and into Debian's reference
 * registry ({@code /usr/bin/docker-registry}) in the same run, alternating the order. Each push
 * goes to a freshly started server, so every blob is uploaded and none is mounted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ecr4j.benchmarks.emulator.RegistryPushBenchmark \
 *     [LAYERS [LAYER_MIB [ROUNDS]]]
 * </pre>
 *
 * <p>Defaults: 8 layers of 32 MiB of random (incompressible) bytes, 5 rounds. Needs skopeo, umoci
 * and docker-registry.
 */
public final class RegistryPushBenchmark {

  private RegistryPushBenchmark() {}

  public static void main(String[] args) throws Exception {
    int layers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int layerMib = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path work = Files.createTempDirectory("ecr4j-push-benchmark-");
    Path layout = work.resolve("layout");
    buildImage(work, layout, layers, layerMib);
    System.out.printf("Image: %d layers of %d MiB of random bytes%n", layers, layerMib);

    List<Long> emulatorMillis = new ArrayList<>();
    List<Long> registryMillis = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      boolean emulatorFirst = round % 2 == 0;
      for (int turn = 0; turn < 2; turn++) {
        if (emulatorFirst == (turn == 0)) {
          emulatorMillis.add(pushToEmulator(work, layout));
        } else {
          registryMillis.add(pushToRegistry(work, layout));
        }
      }
      System.out.printf(
          "round %d: emulator %d ms, docker-registry %d ms%n",
          round + 1, emulatorMillis.get(round), registryMillis.get(round));
    }
    long emulator = median(emulatorMillis);
    long registry = median(registryMillis);
    System.out.printf(
        "median: emulator %d ms, docker-registry %d ms; emulator speed relative to"
            + " docker-registry %.2f%n",
        emulator, registry, (double) registry / emulator);
  }

  private static long pushToEmulator(Path work, Path layout) throws Exception {
    try (EcrEmulator emulator = EcrEmulator.start();
        EcrClient ecr =
            EcrClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
      ecr.createRepository(r -> r.repositoryName("bench"));
      String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
      Path auth = work.resolve("auth.json");
      Files.writeString(
          auth, "{\"auths\":{\"" + emulator.registryHost() + "\":{\"auth\":\"" + token + "\"}}}");
      String destination =
          "docker://" + emulator.repositoryUri("000000000000", "us-east-1", "bench") + ":v1";
      return timeCopy(work, layout, destination, "--authfile=" + auth);
    }
  }

  private static long pushToRegistry(Path work, Path layout) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path storage = Files.createTempDirectory(work, "registry-");
    Path config = work.resolve("registry.yml");
    Files.writeString(
        config,
        "version: 0.1\n"
            + "log:\n  level: error\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + storage
            + "\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    Process registry =
        new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry.log").toFile())
            .start();
    try {
      awaitPort(port, Duration.ofSeconds(30));
      return timeCopy(work, layout, "docker://127.0.0.1:" + port + "/bench:v1");
    } finally {
      registry.destroy();
      registry.waitFor(10, TimeUnit.SECONDS);
      deleteTree(storage);
    }
  }

  private static long timeCopy(Path work, Path layout, String destination, String... options)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet"));
    command.addAll(List.of(options));
    command.add("--dest-tls-verify=false");
    command.add("oci:" + layout + ":v1");
    command.add(destination);
    long start = System.nanoTime();
    run(work, command);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void buildImage(Path work, Path layout, int layers, int layerMib)
      throws Exception {
    run(work, List.of("umoci", "init", "--layout", layout.toString()));
    run(work, List.of("umoci", "new", "--image", layout + ":v1"));
    Path bundle = work.resolve("bundle");
    run(
        work,
        List.of("umoci", "unpack", "--rootless", "--image", layout + ":v1", bundle.toString()));
    Random random = new Random(1);
    byte[] content = new byte[layerMib * 1024 * 1024];
    for (int i = 0; i < layers; i++) {
      random.nextBytes(content);
      Files.write(bundle.resolve("rootfs").resolve("layer" + i + ".bin"), content);
      run(work, List.of("umoci", "repack", "--image", layout + ":v1", bundle.toString()));
    }
  }

  private static void run(Path work, List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("command.log").toFile())
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          "Command "
              + command.get(0)
              + " "
              + command.get(1)
              + " failed: "
              + Files.readString(work.resolve("command.log")));
    }
  }

  private static void awaitPort(int port, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("docker-registry did not listen on port " + port + " within " + timeout);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
