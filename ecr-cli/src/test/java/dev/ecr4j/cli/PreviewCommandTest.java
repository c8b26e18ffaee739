package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PreviewCommandTest {

  /** The sample files shipped in the examples module; tests run in the ecr-cli directory. */
  private static final Path SAMPLES =
      Path.of("..", "examples", "src", "main", "resources", "lifecycle");

  private static final String SAMPLE_POLICY = SAMPLES.resolve("policy.json").toString();
  private static final String SAMPLE_IMAGES = SAMPLES.resolve("images.json").toString();
  private static final String NOW = "2026-12-01T00:00:00Z";

  /** The sample images that one lifecycle run at {@link #NOW} expires, by their digests. */
  private static final List<String> SAMPLE_EXPIRED =
      List.of(
          "sha256:fc119e06652e5dd8edd54bcae1453d3e27f6294de1a7d1380665c6400461798e",
          "sha256:2c8b36fdd8bfc83be9d128a4c924885a9b12e569bd286f82be4ea9ea816b0241",
          "sha256:fb2043e7ea755cef95e95812e65b86ca7c12f07b3c91aaffd94d43c2cf815bd6",
          "sha256:d23bacd7e988f9ffd1f8029104dabc53f163a3c0494d71ac2625dbaa665f4b7b",
          "sha256:0af528d19c90fe6cdab55638813dd46cd86ffce58404beec6cc320a8930ef91b",
          "sha256:68973835c0f70ddb9a0ef37da861ed75431ee63fafd5223d8ec7fca6945b5d29");

  private static final List<String> SAMPLE_ARCHIVED =
      List.of(
          "sha256:004c093cefa3e2805dbfdccb18259b67a3087267c2dbe6431ea0732f923d9369",
          "sha256:92d823274bce35539f2b010c1064d605bd994ce1cbf0c878943435dc3179ac5b");

  @TempDir Path directory;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }

  @Test
  void sampleTableShowsExpiredArchivedAndKept() {
    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            SAMPLE_IMAGES,
            "--now",
            NOW);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    List<String> lines = run.outLines();
    assertThat(lines.get(0))
        .isEqualTo(
            "Lifecycle preview of repository web-app in registry 123456789012 at"
                + " 2026-12-01T00:00:00Z");
    assertThat(lines.get(2))
        .startsWith("OUTCOME  RULE  DIGEST               STATUS    PUSHED (UTC)      TAGS");
    List<String> rows = lines.subList(3, 3 + 23);
    assertThat(rows)
        .extracting(row -> row.substring(0, 8).strip())
        .containsExactly(
            "EXPIRE", "EXPIRE", "EXPIRE", "EXPIRE", "EXPIRE", "EXPIRE", "ARCHIVE", "ARCHIVE",
            "KEEP", "KEEP", "KEEP", "KEEP", "KEEP", "KEEP", "KEEP", "KEEP", "KEEP", "KEEP", "KEEP",
            "KEEP", "KEEP", "KEEP", "KEEP");
    String tagsColumn = "%-21s  ".formatted("release-1.1.0"); // widest tags: release-1.11.0,latest
    assertThat(rows.get(0))
        .isEqualTo(
            "EXPIRE   1     sha256:fc119e06652e  ACTIVE    2026-02-05 12:12  "
                + tagsColumn
                + "expired by rule 1: number 11 by push time, newest first, and the rule keeps 10");
    assertThat(rows)
        .anySatisfy(
            row ->
                assertThat(row)
                    .startsWith("EXPIRE   4     sha256:68973835c0f7  ARCHIVED")
                    .contains("dev-1c9e0aa"))
        .anySatisfy(
            row ->
                assertThat(row)
                    .startsWith("KEEP     -")
                    .contains("referenced by manifest list sha256:7929f7ba5352"));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("6 of 23 images expire, 2 are archived, 15 are kept");
  }

  @Test
  void sampleJsonListsExpiredDigests() {
    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            SAMPLE_IMAGES,
            "--now",
            "2026-12-01",
            "--output",
            "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode response = JsonMapper.shared().readTree(run.out());
    assertThat(response.propertyNames())
        .startsWith("registryId", "repositoryName", "lifecyclePolicyText", "status");
    assertThat(response.get("registryId").stringValue()).isEqualTo("123456789012");
    assertThat(response.get("repositoryName").stringValue()).isEqualTo("web-app");
    List<String> expired =
        response
            .get("previewResults")
            .valueStream()
            .filter(result -> result.get("action").get("type").stringValue().equals("EXPIRE"))
            .map(result -> result.get("imageDigest").stringValue())
            .toList();
    assertThat(expired).containsExactlyInAnyOrderElementsOf(SAMPLE_EXPIRED);
    List<String> archived =
        response
            .get("previewResults")
            .valueStream()
            .filter(result -> result.get("action").get("type").stringValue().equals("TRANSITION"))
            .map(result -> result.get("imageDigest").stringValue())
            .toList();
    assertThat(archived).containsExactlyInAnyOrderElementsOf(SAMPLE_ARCHIVED);
    assertThat(response.get("summary").get("expiringImageTotalCount").intValue()).isEqualTo(6);
  }

  @Test
  void samplePolicyIsValid() {
    CliRun run = CliRun.run("lifecycle", "validate", SAMPLE_POLICY);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines()).containsExactly("valid: 4 rules");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void bareArrayJsonHasNoRepository() throws IOException {
    Path images =
        write(
            "images.json",
            "[{\"imageDigest\": \"sha256:"
                + "a".repeat(64)
                + "\","
                + " \"imagePushedAt\": \"2026-01-01T00:00:00Z\"}]");

    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            images.toString(),
            "--now",
            NOW,
            "-o",
            "JSON");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode response = JsonMapper.shared().readTree(run.out());
    assertThat(response.has("repositoryName")).isFalse();
    assertThat(response.get("previewResults").get(0).get("appliedRulePriority").intValue())
        .isEqualTo(2);
  }

  @Test
  void invalidPolicyAndImagesBothReported() throws IOException {
    Path policy = write("policy.json", ValidateCommandTest.INVALID_POLICY);
    Path images = write("images.json", "{\"imageDetails\": [{\"imageDigest\": \"sha256:x\"}]}");

    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            policy.toString(),
            "--images",
            images.toString(),
            "--now",
            NOW);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .contains(
            "error: images file \""
                + images
                + "\" is not a valid describe-images listing (2"
                + " problems):")
        .anySatisfy(
            line -> assertThat(line).endsWith("is not a valid lifecycle policy (2 violations):"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("  imageDetails[0] (sha256:x, line 1) imagePushedAt: missing;"));
  }

  @Test
  void invalidImagesFileIsInvalidInput() throws IOException {
    Path images = write("images.json", "{\"imageIds\": []}");

    CliRun run =
        CliRun.run(
            "lifecycle", "preview", "--policy", SAMPLE_POLICY, "--images", images.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "error: images file \""
                + images
                + "\" is not a valid describe-images listing (1"
                + " problem):",
            "  imageDetails: missing, and the document has \"imageIds\", so it looks like the"
                + " output of aws ecr list-images, which has no push times; use aws ecr"
                + " describe-images --output json instead");
  }

  @Test
  void binaryImagesFileIsInvalidInput() throws IOException {
    Path images = Files.write(directory.resolve("images.bin"), new byte[] {(byte) 0xFF, 0, 1});

    CliRun run =
        CliRun.run(
            "lifecycle", "preview", "--policy", SAMPLE_POLICY, "--images", images.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines().get(1)).startsWith("  malformed JSON at line 1, column 1: ");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void missingImagesFileIsUsageError() {
    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            directory.resolve("none.json").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines()).singleElement().asString().contains("not found");
  }

  @Test
  void missingImagesOptionIsUsageError() {
    CliRun run = CliRun.run("lifecycle", "preview", "--policy", SAMPLE_POLICY);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0)).isEqualTo("error: Missing required option: '--images=FILE'");
  }

  @Test
  void invalidNowIsUsageError() {
    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            SAMPLE_IMAGES,
            "--now",
            "yesterday");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0))
        .isEqualTo(
            "error: Invalid value for option '--now': \"yesterday\" is not an instant; use"
                + " ISO-8601 such as 2026-12-01T00:00:00Z, or a date such as 2026-12-01 for the"
                + " start of that day in UTC");
  }

  @Test
  void nowOutsideYearsIsUsageError() {
    String[] values = {
      "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00"
    };
    for (String value : values) {
      CliRun run =
          CliRun.run(
              "lifecycle",
              "preview",
              "--policy",
              SAMPLE_POLICY,
              "--images",
              SAMPLE_IMAGES,
              "--now",
              value);

      assertThat(run.exitCode()).as(value).isEqualTo(ExitCodes.USAGE);
      assertThat(run.errLines().get(0))
          .isEqualTo(
              "error: Invalid value for option '--now': \""
                  + value
                  + "\" is outside the years 1970 to 9999 in UTC; use ISO-8601 such as"
                  + " 2026-12-01T00:00:00Z, or a date such as 2026-12-01 for the start of that day"
                  + " in UTC");
    }
  }

  @Test
  void nowAcceptsYearBounds() {
    InstantConverter converter = new InstantConverter();

    assertThat(converter.convert("1970-01-01")).isEqualTo(java.time.Instant.EPOCH);
    assertThat(converter.convert("9999-12-31T23:59:59.999Z"))
        .isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59.999Z"));
  }

  @Test
  void utf16ImagesFileIsInvalidInput() throws IOException {
    Path images =
        Files.write(
            directory.resolve("images.json"),
            "{\"imageDetails\": []}".getBytes(StandardCharsets.UTF_16));

    CliRun run =
        CliRun.run(
            "lifecycle", "preview", "--policy", SAMPLE_POLICY, "--images", images.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "error: images file \""
                + images
                + "\" is UTF-16 (it starts with a UTF-16 big-endian byte order mark); save it as"
                + " UTF-8");
  }

  @Test
  void emptyImagesFileNameIsUsageError() {
    CliRun run = CliRun.run("lifecycle", "preview", "--policy", SAMPLE_POLICY, "--images", "");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: the name of the images file is empty; pass the path of a JSON file");
  }

  @Test
  void unknownOutputFormatIsUsageError() {
    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            SAMPLE_IMAGES,
            "-o",
            "yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0))
        .isEqualTo(
            "error: Invalid value for option '--output': \"yaml\" is not an output format; use"
                + " table or json");
  }

  @Test
  void nowAcceptsOffsetsAndDates() {
    InstantConverter converter = new InstantConverter();

    assertThat(converter.convert("2026-12-01T09:00:00+09:00"))
        .isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(converter.convert("2026-12-01"))
        .isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(converter.convert("2026-12-01T00:00:00.5Z"))
        .isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00.500Z"));
  }

  @Test
  void truncatedListingWarns() throws IOException {
    Path images =
        write(
            "page.json",
            "{\"imageDetails\": [{\"imageDigest\": \"sha256:"
                + "b".repeat(64)
                + "\","
                + " \"imagePushedAt\": \"2026-01-01T00:00:00Z\"}], \"NextToken\": \"abc\"}");

    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            images.toString(),
            "--now",
            NOW);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.errLines())
        .containsExactly(
            "warning: \""
                + images
                + "\" has a nextToken, so it is one page of a longer listing, and the preview"
                + " ranks only its 1 images; list every image by running aws ecr describe-images"
                + " without --max-items");
    assertThat(run.outLines()).last().isEqualTo("1 of 1 image expires, 0 are archived, 0 are kept");
  }

  @Test
  void emptyListingWarns() throws IOException {
    Path images = write("none.json", "{\"imageDetails\": []}");

    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            images.toString(),
            "--now",
            NOW);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.errLines()).singleElement().asString().contains("lists no images");
    assertThat(run.out()).contains("(no images)");
    assertThat(run.outLines()).last().isEqualTo("0 of 0 images expire, 0 are archived, 0 are kept");
  }

  @Test
  void controlCharactersInTagsAreEscaped() throws IOException {
    Path images =
        write(
            "images.json",
            "[{\"imageDigest\": \"sha256:"
                + "c".repeat(64)
                + "\", \"imageTags\":"
                + " [\"evil\\u001b[2J\"], \"imagePushedAt\": \"2026-11-30T00:00:00Z\"}]");

    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            images.toString(),
            "--now",
            NOW);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).doesNotContain("\u001b").contains("evil\\u001b[2J");
  }

  @Test
  void bidirectionalControlsInTagsAreEscaped() throws IOException {
    Path images =
        write(
            "images.json",
            "[{\"imageDigest\": \"sha256:"
                + "c".repeat(64)
                + "\", \"imageTags\":"
                + " [\"v1\\u202egnp.exe\", \"a\\u2066b\\u200bc\"],"
                + " \"imagePushedAt\": \"2026-11-30T00:00:00Z\"}]");

    CliRun run =
        CliRun.run(
            "lifecycle",
            "preview",
            "--policy",
            SAMPLE_POLICY,
            "--images",
            images.toString(),
            "--now",
            NOW);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .doesNotContain("\u202e")
        .doesNotContain("\u2066")
        .doesNotContain("\u200b");
    assertThat(run.out()).contains("v1\\u202egnp.exe,a\\u2066b\\u200bc");
  }
}
