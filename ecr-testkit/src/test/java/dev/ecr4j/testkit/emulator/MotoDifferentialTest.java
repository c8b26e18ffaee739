package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Sends the same SDK v2 calls to the emulator and to moto's server (moto 5.2.1) and compares the
 * JSON they return: the HTTP status, the members present and the values that must agree.
 *
 * <p>Both serve account 123456789012 in us-east-1, so ARNs and registry ids compare as they are.
 * The comparison ignores the order of list elements, because ECR documents no order, and these
 * members everywhere:
 *
 * <ul>
 *   <li>timestamps ({@code createdAt}, {@code imagePushedAt}, {@code lastEvaluatedAt}, {@code
 *       expiresAt}), which depend on when each server ran;
 *   <li>{@code repositoryUri} and {@code proxyEndpoint}, because the emulator's registry is {@code
 *       127.0.0.1:PORT} while moto names ECR's real host;
 *   <li>{@code authorizationToken}, which is random;
 *   <li>image digests, replaced by a placeholder, because moto computes a digest from the layer
 *       digests instead of from the manifest bytes;
 *   <li>{@code imageSizeInBytes}, because moto reports the config's size alone.
 * </ul>
 *
 * <p>Policy and lifecycle texts are compared as parsed JSON, because moto re-serializes them with
 * spaces. Steps where moto is known to be wrong ignore the members listed with them, with the
 * reason. Operations moto does not implement, or implements with canned results (scan findings),
 * are not compared.
 */
class MotoDifferentialTest {

  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = MotoServer.ACCOUNT;

  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:aaaa\",\"size\":10},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\"sha256:bbbb\",\"size\":1000}]}";

  private static final String LIFECYCLE_POLICY =
      "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
          + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
          + "\"action\":{\"type\":\"expire\"}}]}";

  private static final String REPOSITORY_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
          + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";

  private static final String REGISTRY_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"replicate\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
          + "\"Action\":[\"ecr:CreateRepository\",\"ecr:ReplicateImage\"],"
          + "\"Resource\":\"arn:aws:ecr:us-east-1:123456789012:repository/*\"}]}";

  private static final String ARN = "arn:aws:ecr:us-east-1:123456789012:repository/team/app";

  private static final Set<String> IGNORED_EVERYWHERE =
      Set.of(
          "createdAt",
          "imagePushedAt",
          "lastEvaluatedAt",
          "expiresAt",
          "repositoryUri",
          "proxyEndpoint",
          "authorizationToken",
          "imageSizeInBytes");

  private static final Set<String> JSON_TEXT_MEMBERS = Set.of("policyText", "lifecyclePolicyText");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** One call made to both servers, and the members its comparison ignores. */
  private record Step(String name, Consumer<EcrClient> call, Set<String> ignored) {
    Step(String name, Consumer<EcrClient> call) {
      this(name, call, Set.of());
    }
  }

  /** The raw response to the last call of one client. */
  private static final class Capture implements ExecutionInterceptor {
    private int status;
    private String body = "";

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      status = context.httpResponse().statusCode();
      Optional<InputStream> content = context.responseBody();
      try {
        byte[] bytes = content.isPresent() ? content.get().readAllBytes() : new byte[0];
        body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static MotoServer moto;
  private static EcrEmulator emulator;
  private static final Capture EMULATOR_CAPTURE = new Capture();
  private static final Capture MOTO_CAPTURE = new Capture();
  private static EcrClient emulatorClient;
  private static EcrClient motoClient;

  @BeforeAll
  static void start() throws Exception {
    String unavailable = MotoServer.unavailableReason().orElse("");
    assumeTrue(unavailable.isEmpty(), () -> "moto's server is not available: " + unavailable);
    moto = MotoServer.start();
    emulator =
        EcrEmulator.builder().credentials(new EmulatorCredentials("test", "test", ACCOUNT)).start();
    emulatorClient = client(emulator.endpoint(), EMULATOR_CAPTURE);
    motoClient = client(moto.endpoint(), MOTO_CAPTURE);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable resource :
        new AutoCloseable[] {emulatorClient, motoClient, emulator, moto}) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException("Failed to close " + resource, e);
        }
      }
    }
  }

  private static EcrClient client(URI endpoint, Capture capture) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c ->
                c.addExecutionInterceptor(capture)
                    .retryStrategy(RetryMode.STANDARD)
                    .retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    // Repositories
    steps.add(
        new Step(
            "CreateRepository",
            c ->
                c.createRepository(
                    r ->
                        r.repositoryName("team/app")
                            .tags(Tag.builder().key("team").value("web").build()))));
    steps.add(
        new Step(
            "CreateRepository duplicate",
            c -> c.createRepository(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "CreateRepository invalid name",
            c -> c.createRepository(r -> r.repositoryName("BAD NAME")),
            // moto quotes the repository name pattern of an older ECR model.
            Set.of("message", "Message")));
    steps.add(new Step("DescribeRepositories", c -> c.describeRepositories(r -> {})));
    steps.add(
        new Step(
            "DescribeRepositories by name",
            c -> c.describeRepositories(r -> r.repositoryNames("team/app"))));
    steps.add(
        new Step(
            "DescribeRepositories missing",
            c -> c.describeRepositories(r -> r.repositoryNames("absent"))));
    // Images
    steps.add(
        new Step(
            "PutImage",
            c ->
                c.putImage(
                    r -> r.repositoryName("team/app").imageManifest(MANIFEST).imageTag("v1"))));
    steps.add(
        new Step(
            "PutImage same tag again",
            c ->
                c.putImage(
                    r -> r.repositoryName("team/app").imageManifest(MANIFEST).imageTag("v1"))));
    steps.add(
        new Step(
            "PutImage second tag",
            c ->
                c.putImage(
                    r -> r.repositoryName("team/app").imageManifest(MANIFEST).imageTag("v2"))));
    steps.add(new Step("ListImages", c -> c.listImages(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "DescribeImages",
            c -> c.describeImages(r -> r.repositoryName("team/app")),
            // moto 5.2.1 leaves out imageStatus, a member ECR's model added with archiving.
            Set.of("imageStatus")));
    steps.add(
        new Step(
            "DescribeImages missing tag",
            c ->
                c.describeImages(
                    r -> r.repositoryName("team/app").imageIds(i -> i.imageTag("zz")))));
    steps.add(
        new Step(
            "BatchGetImage",
            c ->
                c.batchGetImage(
                    r ->
                        r.repositoryName("team/app")
                            .imageIds(i -> i.imageTag("v1"), i -> i.imageTag("zz"))),
            // moto returns an image found by tag under another tag of the same digest (v2).
            Set.of("imageTag")));
    steps.add(
        new Step(
            "BatchDeleteImage",
            c ->
                c.batchDeleteImage(
                    r ->
                        r.repositoryName("team/app")
                            .imageIds(i -> i.imageTag("v2"), i -> i.imageTag("zz")))));
    steps.add(
        new Step(
            "PutImageTagMutability",
            c ->
                c.putImageTagMutability(
                    r ->
                        r.repositoryName("team/app")
                            .imageTagMutability(ImageTagMutability.IMMUTABLE))));
    steps.add(
        new Step(
            "PutImageScanningConfiguration",
            c ->
                c.putImageScanningConfiguration(
                    r ->
                        r.repositoryName("team/app")
                            .imageScanningConfiguration(s -> s.scanOnPush(true)))));
    // Lifecycle policies
    steps.add(
        new Step(
            "GetLifecyclePolicy missing",
            c -> c.getLifecyclePolicy(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "PutLifecyclePolicy",
            c ->
                c.putLifecyclePolicy(
                    r -> r.repositoryName("team/app").lifecyclePolicyText(LIFECYCLE_POLICY))));
    steps.add(
        new Step(
            "GetLifecyclePolicy", c -> c.getLifecyclePolicy(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "DeleteLifecyclePolicy",
            c -> c.deleteLifecyclePolicy(r -> r.repositoryName("team/app"))));
    // Repository policies
    steps.add(
        new Step(
            "GetRepositoryPolicy missing",
            c -> c.getRepositoryPolicy(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "SetRepositoryPolicy",
            c ->
                c.setRepositoryPolicy(
                    r -> r.repositoryName("team/app").policyText(REPOSITORY_POLICY))));
    steps.add(
        new Step(
            "SetRepositoryPolicy invalid",
            c -> c.setRepositoryPolicy(r -> r.repositoryName("team/app").policyText("[]"))));
    steps.add(
        new Step(
            "GetRepositoryPolicy", c -> c.getRepositoryPolicy(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "DeleteRepositoryPolicy",
            c -> c.deleteRepositoryPolicy(r -> r.repositoryName("team/app"))));
    // Tags
    steps.add(
        new Step(
            "TagResource",
            c -> c.tagResource(r -> r.resourceArn(ARN).tags(t -> t.key("env").value("test")))));
    steps.add(
        new Step("UntagResource", c -> c.untagResource(r -> r.resourceArn(ARN).tagKeys("team"))));
    steps.add(new Step("ListTagsForResource", c -> c.listTagsForResource(r -> r.resourceArn(ARN))));
    // Registry
    steps.add(new Step("GetAuthorizationToken", c -> c.getAuthorizationToken()));
    steps.add(new Step("GetRegistryPolicy missing", c -> c.getRegistryPolicy(r -> {})));
    steps.add(
        new Step(
            "PutRegistryPolicy", c -> c.putRegistryPolicy(r -> r.policyText(REGISTRY_POLICY))));
    steps.add(new Step("GetRegistryPolicy", c -> c.getRegistryPolicy(r -> {})));
    steps.add(new Step("DeleteRegistryPolicy", c -> c.deleteRegistryPolicy(r -> {})));
    steps.add(new Step("DescribeRegistry empty", c -> c.describeRegistry(r -> {})));
    steps.add(
        new Step(
            "PutReplicationConfiguration",
            c ->
                c.putReplicationConfiguration(
                    r ->
                        r.replicationConfiguration(
                            rc ->
                                rc.rules(
                                    rule ->
                                        rule.destinations(
                                            d -> d.region("eu-west-1").registryId(ACCOUNT)))))));
    steps.add(new Step("DescribeRegistry", c -> c.describeRegistry(r -> {})));
    steps.add(
        new Step(
            "GetRegistryScanningConfiguration", c -> c.getRegistryScanningConfiguration(r -> {})));
    steps.add(
        new Step(
            "PutRegistryScanningConfiguration",
            c ->
                c.putRegistryScanningConfiguration(
                    r ->
                        r.scanType(ScanType.BASIC)
                            .rules(
                                rule ->
                                    rule.scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                                        .repositoryFilters(
                                            f -> f.filter("team*").filterType("WILDCARD")))),
            // moto leaves registryId out of this response.
            Set.of("registryId")));
    steps.add(
        new Step(
            "BatchGetRepositoryScanningConfiguration",
            c ->
                c.batchGetRepositoryScanningConfiguration(
                    r -> r.repositoryNames("team/app", "absent")),
            // Whether scanOnPush reports the repository's flag or the effective frequency is
            // undocumented, and the two differ here.
            Set.of("scanOnPush")));
    // Scans: moto's findings are canned, so only the start and the errors are compared.
    steps.add(
        new Step(
            "DescribeImageScanFindings before scan",
            c ->
                c.describeImageScanFindings(
                    r -> r.repositoryName("team/app").imageId(i -> i.imageTag("v1")))));
    steps.add(
        new Step(
            "StartImageScan",
            c ->
                c.startImageScan(
                    r -> r.repositoryName("team/app").imageId(i -> i.imageTag("v1")))));
    steps.add(
        new Step(
            "StartImageScan again",
            c ->
                c.startImageScan(
                    r -> r.repositoryName("team/app").imageId(i -> i.imageTag("v1")))));
    // Deletion
    steps.add(
        new Step(
            "DeleteRepository not empty",
            c -> c.deleteRepository(r -> r.repositoryName("team/app"))));
    steps.add(
        new Step(
            "DeleteRepository force",
            c -> c.deleteRepository(r -> r.repositoryName("team/app").force(true))));
    steps.add(
        new Step(
            "DeleteRepository missing",
            c -> c.deleteRepository(r -> r.repositoryName("team/app"))));
    return steps;
  }

  @TestFactory
  Stream<DynamicTest> emulatorAgreesWithMoto() {
    return steps().stream().map(step -> DynamicTest.dynamicTest(step.name(), () -> compare(step)));
  }

  private static void compare(Step step) {
    call(emulatorClient, step);
    call(motoClient, step);

    assertThat(EMULATOR_CAPTURE.status)
        .as(
            "HTTP status of %s; emulator %s, moto %s",
            step.name(), EMULATOR_CAPTURE.body, MOTO_CAPTURE.body)
        .isEqualTo(MOTO_CAPTURE.status);
    JsonNode fromEmulator = normalize(EMULATOR_CAPTURE.body, step.ignored());
    JsonNode fromMoto = normalize(MOTO_CAPTURE.body, step.ignored());
    assertThat(fromEmulator.toString()).as(step.name()).isEqualTo(fromMoto.toString());
  }

  private static void call(EcrClient client, Step step) {
    try {
      step.call().accept(client);
    } catch (SdkServiceException expected) {
      // The interceptor captured the error body, which is compared like any other response.
    }
  }

  /**
   * Parses a response and rewrites it into a form both servers must share: ignored members removed,
   * digests replaced, embedded JSON texts parsed, list elements and object members sorted.
   */
  private static JsonNode normalize(String body, Set<String> ignored) {
    JsonNode root = body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
    if (root.isObject()) {
      // AWS allows a namespace prefix in __type, such as com.amazonaws.ecr#; only the code counts.
      ObjectNode object = (ObjectNode) root;
      // moto sends the message twice, as Message and as message; the SDK reads either.
      if (object.has("Message") && object.path("Message").equals(object.path("message"))) {
        object.remove("Message");
      }
      if (object.has("__type")) {
        String code = object.get("__type").stringValue();
        object.put("__type", code.substring(code.indexOf('#') + 1));
      }
    }
    return canonical(root, ignored);
  }

  private static JsonNode canonical(JsonNode node, Set<String> ignored) {
    if (node.isObject()) {
      ObjectNode sorted = MAPPER.createObjectNode();
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      members.sort(Map.Entry.comparingByKey());
      for (Map.Entry<String, JsonNode> member : members) {
        String name = member.getKey();
        if (IGNORED_EVERYWHERE.contains(name) || ignored.contains(name)) {
          continue;
        }
        JsonNode value = member.getValue();
        if (JSON_TEXT_MEMBERS.contains(name) && value.isString()) {
          value = MAPPER.readTree(value.stringValue());
        }
        sorted.set(name, canonical(value, ignored));
      }
      return sorted;
    }
    if (node.isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      node.forEach(element -> elements.add(canonical(element, ignored)));
      elements.sort((a, b) -> a.toString().compareTo(b.toString()));
      ArrayNode sorted = MAPPER.createArrayNode();
      elements.forEach(sorted::add);
      return sorted;
    }
    if (node.isString()) {
      return StringNode.valueOf(
          node.stringValue().replaceAll("sha256:[0-9a-f]{64}", "sha256:<digest>"));
    }
    return node;
  }
}
