package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeImagesJsonTest {

  private static final String D1 = digest(1);
  private static final String D2 = digest(2);
  private static final String D3 = digest(3);

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }

  private static List<String> problems(String json) {
    return catchThrowableOfType(
            DescribeImagesJson.InvalidImagesException.class, () -> DescribeImagesJson.parse(json))
        .problems();
  }

  @Test
  void readsEveryFieldOfAwsCliOutput() {
    String json =
        """
        {
            "imageDetails": [
                {
                    "registryId": "123456789012",
                    "repositoryName": "web-app",
                    "imageDigest": "%s",
                    "imageTags": ["release-1.0.0", "latest"],
                    "imageSizeInBytes": 48211934,
                    "imagePushedAt": "2026-11-01T10:00:00+00:00",
                    "imageScanStatus": {"status": "COMPLETE"},
                    "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json",
                    "lastRecordedPullTime": "2026-11-20T08:30:55.118000+00:00",
                    "imageStatus": "ARCHIVED",
                    "lastArchivedAt": "2026-11-25T03:12:44-07:00",
                    "lastActivatedAt": "2026-11-02T00:00:00Z",
                    "subjectManifestDigest": "%s",
                    "manifestListDigests": ["%s"]
                }
            ]
        }
        """
            .formatted(D1, D2, D3);

    DescribeImagesJson.Result result = DescribeImagesJson.parse(json);

    assertThat(result.images()).hasSize(1);
    LifecycleImage image = result.images().get(0);
    assertThat(image.digest()).isEqualTo(D1);
    assertThat(image.tags()).containsExactly("release-1.0.0", "latest");
    assertThat(image.pushedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    assertThat(image.lastRecordedPullTime()).isEqualTo(Instant.parse("2026-11-20T08:30:55.118Z"));
    assertThat(image.status()).isEqualTo(ImageStatus.ARCHIVED);
    assertThat(image.lastArchivedAt()).isEqualTo(Instant.parse("2026-11-25T10:12:44Z"));
    assertThat(image.lastActivatedAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(image.subjectDigest()).isEqualTo(D2);
    assertThat(image.manifestListDigests()).containsExactly(D3);
    assertThat(result.registryId()).isEqualTo("123456789012");
    assertThat(result.repositoryName()).isEqualTo("web-app");
    assertThat(result.isTruncated()).isFalse();
  }

  @Test
  void optionalFieldsDefault() {
    String json =
        """
        {"imageDetails": [{"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z",
          "imageTags": null, "lastRecordedPullTime": null}]}
        """
            .formatted(D1);

    DescribeImagesJson.Result result = DescribeImagesJson.parse(json);

    LifecycleImage image = result.images().get(0);
    assertThat(image.tags()).isEmpty();
    assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
    assertThat(image.lastRecordedPullTime()).isNull();
    assertThat(image.lastArchivedAt()).isNull();
    assertThat(image.lastActivatedAt()).isNull();
    assertThat(image.manifestListDigests()).isEmpty();
    assertThat(image.subjectDigest()).isNull();
    assertThat(result.registry()).isEmpty();
    assertThat(result.repository()).isEmpty();
  }

  @Test
  void timestampForms() {
    String json =
        """
        [
          {"imageDigest": "%s", "imagePushedAt": "2019-08-08T11:59:23-07:00"},
          {"imageDigest": "%s", "imagePushedAt": 1762000000},
          {"imageDigest": "%s", "imagePushedAt": 1762000000.123456},
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01 10:00:00.5+00:00"},
          {"imageDigest": "%s", "imagePushedAt": 1.7620000001E9}
        ]
        """
            .formatted(digest(1), digest(2), digest(3), digest(4), digest(5));

    List<LifecycleImage> images = DescribeImagesJson.read(json);

    assertThat(images)
        .extracting(LifecycleImage::pushedAt)
        .containsExactly(
            Instant.parse("2019-08-08T18:59:23Z"),
            Instant.ofEpochSecond(1_762_000_000L),
            Instant.ofEpochSecond(1_762_000_000L, 123_456_000L),
            Instant.parse("2026-11-01T10:00:00.500Z"),
            Instant.ofEpochSecond(1_762_000_000L, 100_000_000L));
  }

  @Test
  void timestampsOutsideYearsRejected() {
    String json =
        """
        [
          {"imageDigest": "%s", "imagePushedAt": -1e15},
          {"imageDigest": "%s", "imagePushedAt": -1},
          {"imageDigest": "%s", "imagePushedAt": "1969-12-31T23:59:59Z"},
          {"imageDigest": "%s", "imagePushedAt": "1970-01-01T00:30:00+01:00"},
          {"imageDigest": "%s", "imagePushedAt": "+10000-01-01T00:00:00Z"},
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z",
           "lastRecordedPullTime": "+999999999-12-31T23:59:59Z"}
        ]
        """
            .formatted(digest(1), digest(2), digest(3), digest(4), digest(5), digest(6));
    String fix =
        "; ECR's timestamps are later than its launch in 2015, so use the time that ECR lists, as"
            + " ISO-8601 such as 2026-11-01T10:00:00Z or epoch seconds";

    assertThat(problems(json))
        .containsExactly(
            "[0] (sha256:000000000000, line 2) imagePushedAt: -1E+15 is a negative number of"
                + " epoch seconds, so it is before 1970"
                + fix,
            "[1] (sha256:000000000000, line 3) imagePushedAt: -1 is a negative number of epoch"
                + " seconds, so it is before 1970"
                + fix,
            "[2] (sha256:000000000000, line 4) imagePushedAt: \"1969-12-31T23:59:59Z\" is before"
                + " 1970"
                + fix,
            "[3] (sha256:000000000000, line 5) imagePushedAt: \"1970-01-01T00:30:00+01:00\" is"
                + " before 1970"
                + fix,
            "[4] (sha256:000000000000, line 6) imagePushedAt: \"+10000-01-01T00:00:00Z\" is after"
                + " the year 9999"
                + fix,
            "[5] (sha256:000000000000, line 7) lastRecordedPullTime:"
                + " \"+999999999-12-31T23:59:59Z\" is after the year 9999"
                + fix);
  }

  @Test
  void timestampRangeBoundsAccepted() {
    String json =
        """
        [{"imageDigest": "%s", "imagePushedAt": 0},
         {"imageDigest": "%s", "imagePushedAt": "9999-12-31T23:59:59.999999999Z"}]
        """
            .formatted(D1, D2);

    assertThat(DescribeImagesJson.read(json))
        .extracting(LifecycleImage::pushedAt)
        .containsExactly(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999999Z"));
  }

  @Test
  void manyTagsReadInLinearTime() {
    int count = 200_000;
    StringBuilder tags = new StringBuilder();
    StringBuilder lists = new StringBuilder();
    for (int i = 0; i < count; i++) {
      tags.append(i == 0 ? "" : ",").append("\"build-").append(i).append('"');
      if (i < count / 4) {
        lists.append(i == 0 ? "" : ",").append('"').append(digest(i + 10)).append('"');
      }
    }
    String json =
        "[{\"imageDigest\": \"%s\", \"imagePushedAt\": 1762000000, \"imageTags\": [%s, \"build-7\"],"
            + " \"manifestListDigests\": [%s]}]";
    String text = json.formatted(D1, tags, lists);

    // Comparing each tag with every earlier one exceeds this limit.
    List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> problems(text));

    assertThat(problems)
        .containsExactly(
            "[0] (sha256:000000000000, line 1) imageTags[200000]: \"build-7\" is listed twice;"
                + " remove the repeated tag, since ECR lists each tag once");
  }

  @Test
  void bareArrayHasNoRepository() {
    String json =
        "[{\"imageDigest\": \"%s\", \"imagePushedAt\": \"2026-11-01T10:00:00Z\"}]".formatted(D1);

    DescribeImagesJson.Result result = DescribeImagesJson.parse(json);

    assertThat(result.images()).extracting(LifecycleImage::digest).containsExactly(D1);
    assertThat(result.repositoryName()).isNull();
  }

  @Test
  void unknownFieldsIgnored() {
    String json =
        """
        {"repositoryName": "other", "imageDetails": [{"imageDigest": "%s",
          "imagePushedAt": "2026-11-01T10:00:00Z", "imageScanFindingsSummary": {"a": [1, {}]},
          "futureField": [[["x"]]]}], "somethingElse": {"nested": true}}
        """
            .formatted(D1);

    assertThat(DescribeImagesJson.read(json)).hasSize(1);
  }

  @Test
  void nextTokenMarksTruncatedListing() {
    String json =
        """
        {"imageDetails": [{"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"}],
         "NextToken": "eyJuZXh0VG9rZW4iOiBudWxsfQ=="}
        """
            .formatted(D1);

    DescribeImagesJson.Result result = DescribeImagesJson.parse(json);

    assertThat(result.isTruncated()).isTrue();
    assertThat(result.nextToken()).isEqualTo("eyJuZXh0VG9rZW4iOiBudWxsfQ==");
  }

  @Test
  void repositoryOnlyWhenShared() {
    String json =
        """
        [{"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z", "repositoryName": "a"},
         {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"}]
        """
            .formatted(D1, D2);

    assertThat(DescribeImagesJson.parse(json).repositoryName()).isEqualTo("a");
  }

  @Test
  void mixedRepositoriesRejected() {
    String json =
        """
        [{"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z", "repositoryName": "a"},
         {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z", "repositoryName": "b"}]
        """
            .formatted(D1, D2);

    assertThat(problems(json))
        .containsExactly(
            "[1] (sha256:000000000000, line 2) repositoryName: \"b\" differs from \"a\" in [0]; a"
                + " lifecycle policy applies to one repository, so pass the images of one"
                + " repository only");
  }

  @Test
  void invalidTimestampMessage() {
    String json =
        """
        {"imageDetails": [
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"},
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"},
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"},
          {"imageDigest": "sha256:ab12cd34ef56%s", "imagePushedAt": "yesterday"}
        ]}
        """
            .formatted(D1, D2, D3, "0".repeat(52));

    assertThat(problems(json))
        .containsExactly(
            "imageDetails[3] (sha256:ab12cd34ef56, line 5) imagePushedAt: \"yesterday\" is not a"
                + " timestamp; use ISO-8601 such as 2026-11-01T10:00:00Z or epoch seconds");
  }

  @Test
  void everyProblemReportedAtOnce() {
    String json =
        """
        {"imageDetails": [
          {"imagePushedAt": "2026-11-01T10:00:00Z"},
          {"imageDigest": "latest", "imagePushedAt": "2026-11-01T10:00:00"},
          {"imageDigest": "%s", "imageTags": "v1", "imageStatus": "archived"},
          {"imageDigest": "%s", "imagePushedAt": 1762000000000, "imageTags": ["", 5, "a", "a"]},
          {"imageDigest": "%s", "imagePushedAt": true, "manifestListDigests": ["%s", "bad"]},
          "not an image"
        ]}
        """
            .formatted(D1, D2, D3, D3);

    DescribeImagesJson.InvalidImagesException thrown =
        catchThrowableOfType(
            DescribeImagesJson.InvalidImagesException.class, () -> DescribeImagesJson.parse(json));

    assertThat(thrown.problemCount()).isEqualTo(14);
    assertThat(thrown.problems())
        .containsExactly(
            "imageDetails[0] (no imageDigest, line 2) imageDigest: missing; add the image's"
                + " manifest digest as ECR lists it, such as sha256:"
                + "0123456789abcdef".repeat(4),
            "imageDetails[1] (latest, line 3) imageDigest: \"latest\" is not a digest; use the"
                + " manifest digest as ECR lists it, \"sha256:\" followed by 64 lowercase hex"
                + " digits, such as sha256:"
                + "0123456789abcdef".repeat(4),
            "imageDetails[1] (latest, line 3) imagePushedAt: \"2026-11-01T10:00:00\" has no UTC"
                + " offset, so the instant is ambiguous; append Z for UTC or an offset such as"
                + " +00:00",
            "imageDetails[2] (sha256:000000000000, line 4) imageTags: expected an array of"
                + " strings, but it is a string (\"v1\"); write it as a list: [\"v1\"]",
            "imageDetails[2] (sha256:000000000000, line 4) imagePushedAt: missing; add when the"
                + " image was pushed, as ISO-8601 such as 2026-11-01T10:00:00Z or epoch seconds",
            "imageDetails[2] (sha256:000000000000, line 4) imageStatus: \"archived\" is not an"
                + " image status; use ACTIVE, ARCHIVED or ACTIVATING, in upper case as ECR writes"
                + " them, or leave the field out for an active image",
            "imageDetails[3] (sha256:000000000000, line 5) imageTags[0]: the tag is empty; remove"
                + " it, since ECR has no empty tags",
            "imageDetails[3] (sha256:000000000000, line 5) imageTags[1]: expected a string, but it"
                + " is an integer (5); quote the tag",
            "imageDetails[3] (sha256:000000000000, line 5) imageTags[3]: \"a\" is listed twice;"
                + " remove the repeated tag, since ECR lists each tag once",
            "imageDetails[3] (sha256:000000000000, line 5) imagePushedAt: 1762000000000 is too"
                + " large for epoch seconds; if it is in milliseconds, divide it by 1000, or use"
                + " ISO-8601 such as 2026-11-01T10:00:00Z",
            "imageDetails[4] (sha256:000000000000, line 6) imagePushedAt: expected a timestamp,"
                + " but it is a boolean (true); use ISO-8601 such as 2026-11-01T10:00:00Z or epoch"
                + " seconds",
            "imageDetails[4] (sha256:000000000000, line 6) manifestListDigests[0]: is the image's"
                + " own digest; list only the manifest lists that reference this image",
            "imageDetails[4] (sha256:000000000000, line 6) manifestListDigests[1]: \"bad\" is not"
                + " a digest; use the manifest digest as ECR lists it, \"sha256:\" followed by 64"
                + " lowercase hex digits, such as sha256:"
                + "0123456789abcdef".repeat(4),
            "imageDetails[5] (line 7): expected an object (an image detail), but it is a string"
                + " (\"not an image\"); list the images as objects such as {\"imageDigest\":"
                + " \"sha256:...\", \"imagePushedAt\": \"2026-11-01T10:00:00Z\"}");
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("describe-images JSON is invalid (14 problems):");
  }

  @Test
  void notAnObjectElement() {
    String json = "{\"imageDetails\": [\"sha256:abc\"]}";

    assertThat(problems(json))
        .containsExactly(
            "imageDetails[0] (line 1): expected an object (an image detail), but it is a string"
                + " (\"sha256:abc\"); list the images as objects such as {\"imageDigest\":"
                + " \"sha256:...\", \"imagePushedAt\": \"2026-11-01T10:00:00Z\"}");
  }

  @Test
  void duplicateDigestRejected() {
    String json =
        """
        [{"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"},
         {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z"},
         {"imageDigest": "%s", "imagePushedAt": "2026-11-02T10:00:00Z"}]
        """
            .formatted(D1, D2, D1);

    assertThat(problems(json))
        .containsExactly(
            "[2] (sha256:000000000000, line 3) imageDigest: duplicate of [0]; each image must"
                + " appear once, so remove one of the two entries");
  }

  @Test
  void documentShapeProblems() {
    assertThat(problems("")).containsExactly(emptyDocumentProblem());
    assertThat(problems("  \n ")).containsExactly(emptyDocumentProblem());
    assertThat(problems("\"images\""))
        .containsExactly(
            "the document is a string (\"images\"), not a describe-images listing; pass the"
                + " output of aws ecr describe-images --output json, an object with an"
                + " \"imageDetails\" array");
    assertThat(problems("{\"images\": []}"))
        .containsExactly(
            "imageDetails: missing; pass the output of aws ecr describe-images --output json, an"
                + " object with an \"imageDetails\" array");
    assertThat(problems("{\"imageIds\": [{\"imageDigest\": \"" + D1 + "\"}]}"))
        .containsExactly(
            "imageDetails: missing, and the document has \"imageIds\", so it looks like the output"
                + " of aws ecr list-images, which has no push times; use aws ecr describe-images"
                + " --output json instead");
    assertThat(problems("{\"imageDetails\": {}}"))
        .containsExactly(
            "imageDetails: expected an array of image details, but it is an object; pass the"
                + " output of aws ecr describe-images --output json unchanged");
  }

  private static String emptyDocumentProblem() {
    return "the document is empty; pass the output of aws ecr describe-images --output json";
  }

  @Test
  void malformedJsonNamesLocation() {
    String json =
        """
        {"imageDetails": [
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01T10:00:00Z",}
        ]}
        """
            .formatted(D1);

    assertThat(problems(json))
        .singleElement()
        .asString()
        .startsWith("malformed JSON at line 2, column ")
        .contains("Unexpected character ('}'")
        .doesNotContain("`")
        .endsWith(
            "; correct the syntax, or pass the unchanged output of aws ecr describe-images"
                + " --output json");
  }

  @Test
  void problemsBeforeMalformedJsonKept() {
    String json = "[{\"imageDigest\": \"x\", \"imagePushedAt\": \"2026-11-01T10:00:00Z\"}, {";

    List<String> problems = problems(json);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("[0] (x, line 1) imageDigest: \"x\" is not a digest");
    assertThat(problems.get(1)).startsWith("malformed JSON at line 1");
  }

  @Test
  void trailingDocumentRejected() {
    String json =
        "[{\"imageDigest\": \"%s\", \"imagePushedAt\": \"2026-11-01T10:00:00Z\"}] [{}]"
            .formatted(D1);

    assertThat(problems(json))
        .containsExactly(
            "unexpected content after the end of the JSON document at line 1, column 135; pass one"
                + " describe-images listing per file, as pages are not merged");
  }

  @Test
  void duplicateKeyRejected() {
    String json =
        "[{\"imageDigest\": \"%s\", \"imageDigest\": \"%s\", \"imagePushedAt\": 1}]"
            .formatted(D1, D2);

    assertThat(problems(json))
        .containsExactly(
            "duplicate key at line 1, column 106: \"imageDigest\"; correct the syntax, or pass the"
                + " unchanged output of aws ecr describe-images --output json");
  }

  @Test
  void sizeLimitsDescribedPlainly() {
    String deep = "{\"imageDetails\": [" + "[".repeat(600) + "]".repeat(600) + "]}";
    String longNumber = "[{\"imageDigest\": \"%s\", \"imagePushedAt\": %s}]";

    assertThat(problems(deep))
        .containsExactly(
            "the document exceeds a size limit: objects and arrays nested too deeply (501, the"
                + " maximum is 500); pass the unchanged output of aws ecr"
                + " describe-images --output json");
    assertThat(problems(longNumber.formatted(D1, "1".repeat(1_500))))
        .containsExactly(
            "the document exceeds a size limit: a number has too many digits (1500, the maximum is"
                + " 1000); pass the unchanged output of aws ecr describe-images --output json");
  }

  @Test
  void streamReadsUtf8() throws IOException {
    String json =
        "{\"imageDetails\": [{\"imageDigest\": \"%s\", \"imagePushedAt\": 1762000000,"
            + " \"imageTags\": [\"caf\u00e9\"]}]}";
    byte[] bytes = json.formatted(D1).getBytes(StandardCharsets.UTF_8);

    DescribeImagesJson.Result result = DescribeImagesJson.parse(new ByteArrayInputStream(bytes));

    assertThat(result.images().get(0).tags()).containsExactly("caf\u00e9");
  }

  @Test
  void streamLeftOpen() throws IOException {
    byte[] bytes = "[]".getBytes(StandardCharsets.UTF_8);
    boolean[] closed = {false};
    InputStream in =
        new ByteArrayInputStream(bytes) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    DescribeImagesJson.parse(in);

    assertThat(closed[0]).isFalse();
  }

  @Test
  void streamRejectsInvalidUtf8() {
    byte[] bytes = {'[', '"', (byte) 0xFF, '"', ']'};

    assertThatThrownBy(() -> DescribeImagesJson.parse(new ByteArrayInputStream(bytes)))
        .isInstanceOf(DescribeImagesJson.InvalidImagesException.class)
        .hasMessageContaining("malformed JSON at line 1")
        .hasMessageContaining("Invalid UTF-8");
  }

  @Test
  void streamPassesReadFailureOn() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("disk gone");
          }
        };

    assertThatThrownBy(() -> DescribeImagesJson.parse(failing))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
  }

  @Test
  void problemListIsCapped() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < DescribeImagesJson.MAX_LISTED_PROBLEMS + 5; i++) {
      json.append(i == 0 ? "" : ",").append("{\"imageDigest\": \"").append(digest(i)).append("\"}");
    }
    json.append("]");

    DescribeImagesJson.InvalidImagesException thrown =
        catchThrowableOfType(
            DescribeImagesJson.InvalidImagesException.class,
            () -> DescribeImagesJson.parse(json.toString()));

    assertThat(thrown.problemCount()).isEqualTo(DescribeImagesJson.MAX_LISTED_PROBLEMS + 5);
    assertThat(thrown.problems()).hasSize(DescribeImagesJson.MAX_LISTED_PROBLEMS);
    assertThat(thrown.getMessage()).endsWith("  - ... and 5 more");
  }

  @Test
  void largeListingStreams() throws IOException {
    int count = 200_000;
    InputStream json = new GeneratedListing(count);

    DescribeImagesJson.Result result = DescribeImagesJson.parse(json);

    assertThat(result.images()).hasSize(count);
    assertThat(result.images().get(count - 1).digest()).isEqualTo(digest(count - 1));
  }

  @Test
  void previewOfReadImages() {
    String json =
        """
        {"imageDetails": [
          {"imageDigest": "%s", "imagePushedAt": "2026-11-01T00:00:00Z"},
          {"imageDigest": "%s", "imagePushedAt": "2026-11-20T00:00:00Z"},
          {"imageDigest": "%s", "imagePushedAt": "2026-10-01T00:00:00Z",
           "manifestListDigests": ["%s"]}
        ]}
        """
            .formatted(D1, D2, D3, D2);
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(14).build();

    LifecyclePreview preview =
        policy.preview(DescribeImagesJson.read(json), Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(preview.expiredDigests()).containsExactly(D1);
  }

  /** A describe-images listing generated on the fly, so that the test keeps no large string. */
  private static final class GeneratedListing extends InputStream {
    private final int count;
    private int next;
    private byte[] chunk = "{\"imageDetails\": [".getBytes(StandardCharsets.UTF_8);
    private int position;

    GeneratedListing(int count) {
      this.count = count;
    }

    @Override
    public int read() {
      if (position == chunk.length && !refill()) {
        return -1;
      }
      return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == chunk.length && !refill()) {
        return -1;
      }
      int n = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, buffer, offset, n);
      position += n;
      return n;
    }

    private boolean refill() {
      if (next > count) {
        return false;
      }
      String text =
          next == count
              ? "]}"
              : (next == 0 ? "" : ",")
                  + "{\"imageDigest\": \""
                  + digest(next)
                  + "\", \"imagePushedAt\": "
                  + (1_700_000_000L + next)
                  + ", \"imageTags\": [\"build-"
                  + next
                  + "\"], \"imageSizeInBytes\": 48211934}";
      chunk = text.getBytes(StandardCharsets.UTF_8);
      position = 0;
      next++;
      return true;
    }
  }
}
