package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.internal.PolicyJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs every worked lifecycle case under {@code src/test/resources/lifecycle/cases}: ECR's
 * documented examples, observed previews, and the cases where this library had to choose a
 * behaviour. Each file contains the policy, the images with their ages in days, and the expected
 * expired and archived images.
 */
class WorkedCasesTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  static Stream<Path> cases() throws URISyntaxException, IOException {
    Path directory =
        Path.of(
            Objects.requireNonNull(WorkedCasesTest.class.getResource("/lifecycle/cases")).toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void workedCase(Path file) {
    JsonNode testCase = PolicyJson.readTree(read(file));
    LifecyclePolicy policy = LifecyclePolicy.parse(testCase.get("policy").toString());
    assertThat(policy.violations()).as("the policy is valid").isEmpty();

    Map<String, String> nameByDigest = new HashMap<>();
    List<LifecycleImage> images = new ArrayList<>();
    for (JsonNode node : testCase.get("images")) {
      LifecycleImage image = image(node);
      nameByDigest.put(image.digest(), node.get("name").stringValue());
      images.add(image);
    }

    LifecyclePreview preview = policy.preview(images, NOW);

    List<String> expired = preview.expiredDigests().stream().map(nameByDigest::get).toList();
    List<String> transitioned =
        preview.transitionedDigests().stream().map(nameByDigest::get).toList();
    String title = testCase.get("title").stringValue();
    assertThat(expired)
        .as(title + ": expired")
        .containsExactlyInAnyOrderElementsOf(names(testCase, "expire"));
    assertThat(transitioned)
        .as(title + ": archived")
        .containsExactlyInAnyOrderElementsOf(names(testCase, "transition"));
    assertThat(preview.decisions())
        .allSatisfy(decision -> assertThat(decision.reason()).isNotBlank());
  }

  private static LifecycleImage image(JsonNode node) {
    String name = node.get("name").stringValue();
    List<String> tags = new ArrayList<>();
    node.get("tags").forEach(tag -> tags.add(tag.stringValue()));
    LifecycleImage image =
        LifecycleImage.of(
            digest(name), daysAgo(node, "pushedDaysAgo"), tags.toArray(new String[0]));
    if (node.has("pulledDaysAgo")) {
      image = image.withLastRecordedPullTime(daysAgo(node, "pulledDaysAgo"));
    }
    if (node.has("archivedDaysAgo")) {
      image = image.archivedAt(daysAgo(node, "archivedDaysAgo"));
    }
    if (node.has("restoredDaysAgo")) {
      image = image.restoredAt(daysAgo(node, "restoredDaysAgo"));
    }
    if (node.has("status")) {
      image = image.withStatus(ImageStatus.valueOf(node.get("status").stringValue()));
    }
    if (node.has("manifestLists")) {
      List<String> lists = new ArrayList<>();
      node.get("manifestLists").forEach(list -> lists.add(digest(list.stringValue())));
      image = image.referencedBy(lists.toArray(new String[0]));
    }
    if (node.has("subject")) {
      image = image.withSubject(digest(node.get("subject").stringValue()));
    }
    return image;
  }

  private static Instant daysAgo(JsonNode node, String field) {
    double days = node.get(field).doubleValue();
    return NOW.minus(Duration.ofMillis(Math.round(days * 86_400_000L)));
  }

  /** Derives a stable, well-formed digest from an image's name in the case file. */
  static String digest(String name) {
    StringBuilder hex = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hex.append(String.format("%02x", b));
    }
    while (hex.length() < 64) {
      hex.append('0');
    }
    return "sha256:" + hex.substring(0, 64);
  }

  private static List<String> names(JsonNode testCase, String field) {
    List<String> names = new ArrayList<>();
    testCase.get(field).forEach(name -> names.add(name.stringValue()));
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
