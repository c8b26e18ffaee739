package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.core.auth.RegistryHost;
import dev.ecr4j.oci.Descriptor;
import dev.ecr4j.oci.DockerArchive;
import dev.ecr4j.oci.ImageCopier;
import dev.ecr4j.oci.ImageIndex;
import dev.ecr4j.oci.ImageSource;
import dev.ecr4j.oci.Manifest;
import dev.ecr4j.oci.MediaTypes;
import dev.ecr4j.oci.OciArchive;
import dev.ecr4j.oci.OciLayout;
import dev.ecr4j.oci.Platform;
import dev.ecr4j.registry.ImageReference;
import dev.ecr4j.registry.RegistryAuth;
import dev.ecr4j.registry.RegistryClient;
import dev.ecr4j.registry.TransferResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/** Runs push, pull and copy: opens the source, writes the destination, and prints the outcome. */
final class Transfer implements AutoCloseable {

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  static final String FAILED_LINE =
      "1:The transfer failed: the registry rejected a request or could not be reached, content did"
          + " not match its digest, a tag is immutable, or an archive is invalid.";

  private final TransferOptions options;
  private final PrintWriter out;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Path workDirectory;

  private Transfer(TransferOptions options, PrintWriter out) throws IOException {
    this.options = options;
    this.out = out;
    this.workDirectory = Files.createTempDirectory("ecr4j-");
  }

  /** Copies {@code source} to {@code destination} and returns the exit code. */
  static int run(
      ImageLocation source,
      ImageLocation destination,
      TransferOptions options,
      PrintWriter out,
      PrintWriter err,
      String command,
      String verb) {
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      err.println("error: " + problems.get(0));
      return ExitCodes.USAGE;
    }
    try (Transfer transfer = new Transfer(options, out)) {
      String summary = transfer.copy(source, destination, verb);
      out.println(summary);
      return ExitCodes.OK;
    } catch (NoSuchFileException e) {
      err.println("error: " + Printable.escapeControlCharacters(describe(e)));
      return ExitCodes.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("error: " + Printable.escapeControlCharacters(String.valueOf(e.getMessage())));
      return ExitCodes.USAGE;
    } catch (SdkException e) {
      // The AWS SDK failed before any registry request: no credentials, or no token.
      err.println(
          "error: "
              + command
              + " failed: getting an ECR authorization token failed: "
              + Printable.escapeControlCharacters(String.valueOf(e.getMessage()))
              + ". Configure AWS credentials (for example AWS_PROFILE), or pass --username and"
              + " --password-stdin.");
      return ExitCodes.INVALID_INPUT;
    } catch (Ecr4jException | IOException | UncheckedIOException e) {
      err.println(
          "error: "
              + command
              + " failed: "
              + Printable.escapeControlCharacters(String.valueOf(e.getMessage())));
      return ExitCodes.INVALID_INPUT;
    }
  }

  private String copy(ImageLocation source, ImageLocation destination, String verb)
      throws IOException {
    Platform platform = options.platform == null ? null : Platform.parse(options.platform);
    if (!destination.isRegistry()) {
      checkWritable(destination);
    }
    RegistryClient client = client(source, destination, verb);
    TransferResult result;

    if (source.isRegistry() && destination.isRegistry()) {
      result = client.copy(source.requireReference(), destination.requireReference(), platform);
    } else if (destination.isRegistry()) {
      ImageSource image = openLocal(source, platform);
      result = client.push(image, destination.requireReference());
    } else if (source.isRegistry()) {
      result = pullTo(client, source.requireReference(), destination, platform);
    } else {
      ImageSource image = openLocal(source, platform);
      Manifest root = writeLocal(image, destination, source.tag());
      return "copied " + source + " to " + destination + " (" + root.digest() + ")";
    }
    return verb
        + " "
        + result.reference()
        + " ("
        + result.blobsTransferred()
        + " blobs transferred, "
        + result.blobsExisting()
        + " already present, "
        + result.blobsMounted()
        + " mounted, "
        + ProgressPrinter.size(result.bytesTransferred())
        + ")";
  }

  private TransferResult pullTo(
      RegistryClient client,
      ImageReference reference,
      ImageLocation destination,
      @Nullable Platform platform)
      throws IOException {
    String tag = destination.tag() != null ? destination.tag() : defaultTag(reference);
    if (destination.kind() == ImageLocation.Kind.OCI_LAYOUT) {
      Path directory = destination.requirePath();
      boolean existed = Files.exists(directory);
      try {
        return client.pull(reference, OciLayout.create(directory), tag, platform);
      } catch (RuntimeException e) {
        // A failed pull leaves no layout behind that this command created.
        if (!existed) {
          deleteRecursively(directory);
        }
        throw e;
      }
    }
    if (destination.kind() == ImageLocation.Kind.DOCKER_ARCHIVE && platform == null) {
      // Checked before the pull, which would otherwise download every platform first.
      Optional<Descriptor> root = client.resolve(reference);
      if (root.isPresent() && MediaTypes.isIndex(root.get().mediaType())) {
        throw new IllegalArgumentException(
            "A docker-archive contains only single-platform images, but "
                + reference
                + " is a multi-platform index. Choose one with --platform, such as --platform"
                + " linux/amd64.");
      }
    }
    OciLayout staging = OciLayout.create(workDirectory.resolve("pulled"));
    TransferResult result = client.pull(reference, staging, tag, platform);
    writeLocal(staging.image(tag), destination, reference.repository() + ":" + tag);
    return result;
  }

  /**
   * Checks, before anything is downloaded, that a local destination can be written: an archive's
   * directory exists, and a layout directory is not a file.
   *
   * @throws IllegalArgumentException naming the path and the fix
   */
  private static void checkWritable(ImageLocation destination) {
    Path path = destination.requirePath().toAbsolutePath();
    if (destination.kind() == ImageLocation.Kind.OCI_LAYOUT) {
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw new IllegalArgumentException(
            "The layout directory "
                + path
                + " is a file. Give a new or existing directory after oci:.");
      }
      return;
    }
    Path parent = path.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          "The archive's directory "
              + parent
              + " does not exist. Create it first, or write the archive elsewhere.");
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "The archive " + path + " is a directory. Give a file name for the archive.");
    }
  }

  /**
   * Opens a local image, narrowed to {@code platform}'s image when given.
   *
   * @throws IllegalArgumentException when the image has nothing for {@code platform}
   */
  private ImageSource openLocal(ImageLocation location, @Nullable Platform platform)
      throws IOException {
    Path path = location.requirePath();
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "does not exist");
    }
    ImageSource image;
    switch (location.kind()) {
      case OCI_LAYOUT:
        OciLayout layout = OciLayout.open(path);
        image = location.tag() == null ? layout.image() : layout.image(location.tag());
        break;
      case DOCKER_ARCHIVE:
        image = DockerArchive.read(path, location.tag(), workDirectory);
        break;
      default:
        image = OciArchive.read(path, location.tag(), workDirectory);
        break;
    }
    resources.add(image);
    if (platform == null) {
      return image;
    }
    try {
      return ImageSource.forPlatform(image, platform);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(location + ": " + e.getMessage(), e);
    }
  }

  private Manifest writeLocal(
      ImageSource image, ImageLocation destination, @Nullable String sourceTag) throws IOException {
    Path path = destination.requirePath();
    String tag = destination.tag();
    if (tag == null) {
      tag = sourceTag != null ? sourceTag : "latest";
    }
    switch (destination.kind()) {
      case OCI_LAYOUT:
        return ImageCopier.copy(image, OciLayout.create(path), tag);
      case DOCKER_ARCHIVE:
        if (image.manifest() instanceof ImageIndex index) {
          throw new IllegalArgumentException(
              "A docker-archive contains only single-platform images, but the source is an index of "
                  + index.manifests().size()
                  + " images. Choose one with --platform, such as --platform linux/amd64.");
        }
        DockerArchive.write(image, path, tag.contains(":") ? tag : "image:" + tag, workDirectory);
        return image.manifest();
      default:
        OciArchive.write(image, path, tag, workDirectory);
        return image.manifest();
    }
  }

  private RegistryClient client(ImageLocation source, ImageLocation destination, String verb)
      throws IOException {
    Map<String, ImageReference> registries = new LinkedHashMap<>();
    if (source.isRegistry()) {
      registries.putIfAbsent(source.requireReference().registry(), source.requireReference());
    }
    if (destination.isRegistry()) {
      registries.putIfAbsent(
          destination.requireReference().registry(), destination.requireReference());
    }
    RegistryClient.Builder builder = RegistryClient.builder().parallelism(options.parallelism);
    if (!options.quiet) {
      boolean terminal = System.console() != null;
      ProgressPrinter printer =
          new ProgressPrinter(out, terminal, verb.equals("pulled") ? "downloaded" : "uploaded");
      builder.listener(printer);
      resources.add(printer::finish);
    }
    String password = password();
    for (Map.Entry<String, ImageReference> entry : registries.entrySet()) {
      String registry = entry.getKey();
      if (options.insecure) {
        builder.insecure(registry);
      }
      if (options.username != null && password != null) {
        builder.auth(registry, RegistryAuth.basic(options.username, password));
      } else {
        RegistryAuth ecr = ecrAuth(entry.getValue());
        if (ecr != null) {
          builder.auth(registry, ecr);
        }
      }
    }
    RegistryClient client = builder.build();
    resources.add(client);
    return client;
  }

  /**
   * Returns ECR token authentication for a private ECR host. With {@code --ecr-endpoint-url}, the
   * emulator's {@code HOST/ACCOUNT/REGION/NAME} repositories get it too. Other registries get null.
   */
  private @Nullable RegistryAuth ecrAuth(ImageReference reference) {
    RegistryHost host;
    try {
      host = RegistryHost.parse(reference.registry());
    } catch (IllegalArgumentException notEcr) {
      return options.ecrEndpoint == null ? null : emulatorAuth(reference, options.ecrEndpoint);
    }
    if (host.isPublic()) {
      // NOTE: ECR Public tokens come from the ECR Public API, which ecr-core does not call yet;
      // anonymous pulls work, and pushes need --username AWS --password-stdin.
      return null;
    }
    Ecr4jClient.Builder ecr =
        Ecr4jClient.builder()
            .region(Region.of(options.region != null ? options.region : host.region()))
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    if (options.ecrEndpoint != null) {
      ecr.endpointOverride(options.ecrEndpoint);
    }
    Ecr4jClient client = ecr.build();
    resources.add(client);
    return RegistryAuth.ecr(client.authorization());
  }

  /**
   * Returns ECR token authentication for a registry whose repository names start with the account
   * and the region, as the ecr4j emulator's do, or null when the name has no account.
   */
  private @Nullable RegistryAuth emulatorAuth(ImageReference reference, URI endpoint) {
    String[] parts = reference.repository().split("/", 3);
    if (parts.length < 3 || !ACCOUNT_ID.matcher(parts[0]).matches()) {
      return null;
    }
    String region = options.region != null ? options.region : parts[1];
    Ecr4jClient client =
        Ecr4jClient.builder()
            .region(Region.of(region))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .endpointOverride(endpoint)
            .build();
    resources.add(client);
    return RegistryAuth.ecr(client.authorization(), parts[0]);
  }

  private @Nullable String password() throws IOException {
    if (options.password != null) {
      return options.password;
    }
    if (!options.passwordStdin) {
      return null;
    }
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("--password-stdin read no password from standard input");
    }
    return line;
  }

  private static String defaultTag(ImageReference reference) {
    String tag = reference.tag();
    return tag != null ? tag : "latest";
  }

  private static String describe(NoSuchFileException e) {
    String reason = e.getReason();
    return e.getFile() + ": " + (reason != null ? reason : "no such file or directory");
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Cleanup of temporary files must not hide the outcome of the transfer.
      }
    }
    try {
      deleteRecursively(workDirectory);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
