package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  static final String VALID_POLICY =
      """
      {
        "rules": [
          {
            "rulePriority": 1,
            "selection": {
              "tagStatus": "untagged",
              "countType": "sinceImagePushed",
              "countUnit": "days",
              "countNumber": 14
            },
            "action": {"type": "expire"}
          },
          {
            "rulePriority": 2,
            "selection": {
              "tagStatus": "any",
              "countType": "imageCountMoreThan",
              "countNumber": 100
            },
            "action": {"type": "expire"}
          }
        ]
      }
      """;

  /** Two untagged rules, and an "any" rule that is not last. */
  static final String INVALID_POLICY =
      """
      {"rules": [
        {"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
          "countNumber": 50}, "action": {"type": "expire"}},
        {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
          "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}},
        {"rulePriority": 3, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan",
          "countNumber": 5}, "action": {"type": "expire"}}
      ]}
      """;

  /** Valid, but the tag list means "release AND stable", which the linter warns about. */
  static final String POLICY_WITH_WARNING =
      """
      {"rules": [
        {"rulePriority": 1, "selection": {"tagStatus": "tagged",
          "tagPatternList": ["release-*", "stable"], "countType": "imageCountMoreThan",
          "countNumber": 5}, "action": {"type": "expire"}}
      ]}
      """;

  @TempDir Path directory;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(directory.resolve(name), content);
  }

  private static CliRun validate(Path file) {
    return CliRun.run("lifecycle", "validate", file.toString());
  }

  private static void assertNoStackTrace(CliRun run) {
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void validPolicy() throws IOException {
    CliRun run = validate(write("policy.json", VALID_POLICY));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines()).containsExactly("valid: 2 rules");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void warningsGoToStandardError() throws IOException {
    CliRun run = validate(write("policy.json", POLICY_WITH_WARNING));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines()).containsExactly("valid: 1 rule");
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("warning: rule 1: $.rules[0].selection.tagPatternList: The 2 entries of")
        .contains("Hint: ");
  }

  @Test
  void invalidPolicyListsEveryViolation() throws IOException {
    Path file = write("policy.json", INVALID_POLICY);

    CliRun run = validate(file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(3);
    assertThat(run.errLines().get(0))
        .isEqualTo(
            "error: policy file \"" + file + "\" is not a valid lifecycle policy (2 violations):");
    assertThat(run.errLines().get(1))
        .startsWith("  rule 1: $.rules[0].rulePriority: A tagStatus \"any\" rule must have")
        .contains(" Fix: ")
        .contains("(ECR reports: ");
    assertThat(run.errLines().get(2))
        .startsWith("  rule 3: $.rules[2].selection.tagStatus: Only one rule per storage class")
        .contains(" Fix: ");
  }

  @Test
  void nonexistentFileIsUsageError() {
    Path missing = directory.resolve("missing.json");

    CliRun run = validate(missing);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: policy file \""
                + missing
                + "\" not found; check the path and the current directory");
  }

  @Test
  void directoryIsUsageError() {
    CliRun run = validate(directory);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: policy file \""
                + directory
                + "\" is a directory; pass the path of a JSON file");
  }

  @Test
  void unreadableFileIsUsageError() throws IOException {
    Path file = write("secret.json", VALID_POLICY);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "the user can read any file (root)");

    CliRun run = validate(file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("cannot be read: permission denied");
  }

  @Test
  void emptyFileIsInvalid() throws IOException {
    CliRun run = validate(write("empty.json", ""));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines().get(1))
        .isEqualTo(
            "  $: The lifecycle policy is not valid JSON: the document is empty. Fix: Correct the"
                + " JSON syntax; a lifecycle policy is an object such as {\"rules\": [...]}.");
    assertNoStackTrace(run);
  }

  @Test
  void jsonArrayIsInvalid() throws IOException {
    CliRun run = validate(write("array.json", "[{\"rules\": []}]"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("must be a JSON object, but it is an array");
  }

  @Test
  void malformedJsonIsInvalid() throws IOException {
    CliRun run = validate(write("broken.json", "{\"rules\": [}"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("not valid JSON: malformed JSON at line 1, column 12");
    assertNoStackTrace(run);
  }

  @Test
  void invalidUtf8IsInvalid() throws IOException {
    byte[] bytes = {'{', '"', 'r', (byte) 0xC3, '(', '"', ':', '1', '}'};

    Path file = write("latin.json", bytes);
    CliRun run = validate(file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "error: policy file \""
                + file
                + "\" is not UTF-8 text: the byte 0xC3 at offset 3 is invalid; save the file as"
                + " UTF-8 JSON");
  }

  @Test
  void binaryFileIsInvalid() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D};

    CliRun run = validate(write("logo.png", png));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("is not UTF-8 text: the byte 0x89 at offset 0");
    assertNoStackTrace(run);
  }

  @Test
  void controlCharactersAreEscaped() throws IOException {
    CliRun run = validate(write("nul.json", "ab\u0000\u001b[31m"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).doesNotContain("\u0000").doesNotContain("\u001b");
    assertThat(run.err()).contains("\\u0000");
  }

  @Test
  void byteOrderMarkIsSkipped() throws IOException {
    CliRun run = validate(write("bom.json", "\uFEFF" + VALID_POLICY));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void utf16WithByteOrderMarkIsInvalid() throws IOException {
    byte[] text = VALID_POLICY.getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[text.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(text, 0, bytes, 2, text.length);

    Path file = write("powershell.json", bytes);
    CliRun run = validate(file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "error: policy file \""
                + file
                + "\" is UTF-16 (it starts with a UTF-16 little-endian byte order mark); save it as"
                + " UTF-8");
  }

  @Test
  void utf16WithoutByteOrderMarkIsInvalid() throws IOException {
    Path file = write("utf16.json", VALID_POLICY.getBytes(StandardCharsets.UTF_16BE));

    CliRun run = validate(file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "error: policy file \""
                + file
                + "\" is UTF-16 without a byte order mark (its first character contains NUL"
                + " bytes); save it as UTF-8");
  }

  @Test
  void otherEncodingsDetected() {
    byte[][] inputs = {
      {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, 0, 0},
      {0, 0, (byte) 0xFE, (byte) 0xFF},
      {(byte) 0xFE, (byte) 0xFF, 0, '{'},
      {0, 0, 0, '{'},
      {'{', 0, 0, 0},
      {'{', 0},
      {0, '['},
    };
    String[] expected = {
      "UTF-32 (it starts with a UTF-32 little-endian byte order mark)",
      "UTF-32 (it starts with a UTF-32 big-endian byte order mark)",
      "UTF-16 (it starts with a UTF-16 big-endian byte order mark)",
      "UTF-32 without a byte order mark (its first character contains NUL bytes)",
      "UTF-32 without a byte order mark (its first character contains NUL bytes)",
      "UTF-16 without a byte order mark (its first character contains NUL bytes)",
      "UTF-16 without a byte order mark (its first character contains NUL bytes)",
    };

    for (int i = 0; i < inputs.length; i++) {
      assertThat(InputFiles.otherEncoding(inputs[i])).as("input %d", i).isEqualTo(expected[i]);
    }
  }

  @Test
  void utf8AndBinaryNotTakenForUtf16() {
    byte[][] inputs = {
      {},
      {'{'},
      {'{', '}'},
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{'},
      {(byte) 0xFF, 0, 1},
      {0, 0, 0, 0},
      {(byte) 0x89, 'P', 'N', 'G'},
    };

    for (int i = 0; i < inputs.length; i++) {
      assertThat(InputFiles.otherEncoding(inputs[i])).as("input %d", i).isNull();
    }
  }

  @Test
  void emptyFileNameIsUsageError() {
    CliRun run = CliRun.run("lifecycle", "validate", "");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: the name of the policy file is empty; pass the path of a JSON file");
  }

  @Test
  void hugeFileIsRejectedUnread() throws IOException {
    Path file = directory.resolve("huge.json");
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] spaces = new byte[1024 * 1024];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i <= PolicyFiles.MAX_POLICY_FILE_BYTES / spaces.length; i++) {
        out.write(spaces);
      }
    }

    CliRun run = validate(file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines())
        .containsExactly(
            "error: policy file \""
                + file
                + "\" is larger than 10 MiB; ECR accepts lifecycle policies of at most 30,720"
                + " characters, so this is not a policy file; pass the lifecycle policy's JSON"
                + " file");
  }

  @Test
  void deeplyNestedJsonIsInvalid() throws IOException {
    CliRun run = validate(write("deep.json", "[".repeat(100_000) + "]".repeat(100_000)));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("objects and arrays nested too deeply (501, the maximum is 500)");
    assertNoStackTrace(run);
  }

  @Test
  void overlongPolicyReportsLengthWithoutLinting() throws IOException {
    String pattern = "a".repeat(60_000);
    String policy =
        """
        {"rules": [
          {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPatternList": ["%s*"],
            "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}},
          {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["%sb"],
            "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}
        ]}
        """
            .formatted(pattern, pattern);

    CliRun run = validate(write("long.json", policy));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines().get(1))
        .startsWith("  $: The policy is 120")
        .contains("characters long even when minified; ECR allows at most 30720.");
  }
}
