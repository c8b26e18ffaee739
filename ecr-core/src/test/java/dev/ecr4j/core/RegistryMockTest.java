package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.retry.HttpFaults;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RepositoryCreationScenario;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.TagMutability;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs creation templates, pull through cache rules and image replication status against
 * MockWebServer responding with ECR's documented JSON, because neither moto nor the emulator
 * implements them.
 */
@Timeout(60)
class RegistryMockTest {

  private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
  private static final String SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/hub-AbCdEf";

  private final MockWebServer server = new MockWebServer();
  private Ecr4jClient ecr;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    ecr = TestClients.builder(server.url("/").uri()).build();
  }

  @AfterEach
  void stop() throws IOException {
    ecr.close();
    server.shutdown();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/x-amz-json-1.1").setBody(body);
  }

  private RecordedRequest next(String operation) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getHeader("X-Amz-Target")).isEqualTo(TARGET + operation);
    return request;
  }

  private static RepositoryCreationTemplate prodTemplate() {
    return RepositoryCreationTemplate.builder("prod")
        .appliedFor(RepositoryCreationScenario.REPLICATION)
        .tagMutability(TagMutability.immutableExcept("latest"))
        .lifecyclePolicy(LifecyclePolicy.builder().untagged().expireAfterDays(14).build())
        .tag("team", "core")
        .build();
  }

  /** Returns the template as DescribeRepositoryCreationTemplates lists it, with ECR's dates. */
  private static String templateJson(RepositoryCreationTemplate template) {
    String body = template.toJson();
    return body.substring(0, body.length() - 1)
        + ",\"createdAt\":1700000000.5,\"updatedAt\":1700000001}";
  }

  @Test
  void templateCreateSendsDslFields() throws Exception {
    server.enqueue(
        json(
            "{\"registryId\":\"123456789012\",\"repositoryCreationTemplate\":"
                + templateJson(prodTemplate())
                + "}"));

    ecr.creationTemplates().create(prodTemplate());

    String body = next("CreateRepositoryCreationTemplate").getBody().readUtf8();
    assertThat(body).contains("\"prefix\":\"prod\"");
    assertThat(body).contains("\"appliedFor\":[\"REPLICATION\"]");
    assertThat(body).contains("\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\"");
    assertThat(body).contains("\"filterType\":\"WILDCARD\",\"filter\":\"latest\"");
    assertThat(body).contains("\"resourceTags\":[{\"Key\":\"team\",\"Value\":\"core\"}]");
    assertThat(body).contains("\"lifecyclePolicy\":\"{\\\"rules\\\"");
  }

  @Test
  void invalidTemplateNotSent() {
    RepositoryCreationTemplate.Builder withoutScenario = RepositoryCreationTemplate.builder("prod");

    assertThatThrownBy(() -> ecr.creationTemplates().create(withoutScenario.build()))
        .isInstanceOf(InvalidPolicyException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void templateListFollowsPages() throws Exception {
    RepositoryCreationTemplate root =
        RepositoryCreationTemplate.forAllRepositories()
            .appliedFor(RepositoryCreationScenario.PULL_THROUGH_CACHE)
            .build();
    server.enqueue(
        json(
            "{\"registryId\":\"123456789012\",\"repositoryCreationTemplates\":["
                + templateJson(prodTemplate())
                + "],\"nextToken\":\"page-2\"}"));
    server.enqueue(
        json(
            "{\"registryId\":\"123456789012\",\"repositoryCreationTemplates\":["
                + templateJson(root)
                + "]}"));

    List<RepositoryCreationTemplate> templates = ecr.creationTemplates().list().toList();

    assertThat(templates).containsExactly(prodTemplate(), root);
    assertThat(next("DescribeRepositoryCreationTemplates").getBody().readUtf8())
        .contains("\"maxResults\":1000");
    assertThat(next("DescribeRepositoryCreationTemplates").getBody().readUtf8())
        .contains("\"nextToken\":\"page-2\"");
  }

  @Test
  void templatePutSkipsEqualTemplate() throws Exception {
    server.enqueue(
        json(
            "{\"registryId\":\"123456789012\",\"repositoryCreationTemplates\":["
                + templateJson(prodTemplate())
                + "]}"));

    boolean sent = ecr.creationTemplates().put(prodTemplate());

    assertThat(sent).isFalse();
    assertThat(next("DescribeRepositoryCreationTemplates").getBody().readUtf8())
        .contains("\"prefixes\":[\"prod\"]");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void templateDeleteMissing() throws Exception {
    server.enqueue(
        HttpFaults.error(
            400,
            "TemplateNotFoundException",
            "The specified repository creation template with prefix 'gone' does not exist"));

    assertThat(ecr.creationTemplates().delete("gone")).isFalse();
    next("DeleteRepositoryCreationTemplate");
  }

  @Test
  void cacheRuleCreateAndList() throws Exception {
    PullThroughCacheRule hub =
        PullThroughCacheRule.dockerHub("hub").credentialArn(SECRET_ARN).build();
    server.enqueue(json("{\"ecrRepositoryPrefix\":\"hub\",\"registryId\":\"123456789012\"}"));
    server.enqueue(
        json(
            "{\"pullThroughCacheRules\":[{\"ecrRepositoryPrefix\":\"hub\","
                + "\"upstreamRegistryUrl\":\"registry-1.docker.io\",\"createdAt\":1700000000,"
                + "\"registryId\":\"123456789012\",\"credentialArn\":\""
                + SECRET_ARN
                + "\",\"upstreamRegistry\":\"docker-hub\",\"updatedAt\":1700000000}]}"));

    ecr.pullThroughCache().create(hub);
    List<PullThroughCacheRule> rules = ecr.pullThroughCache().list().toList();

    String body = next("CreatePullThroughCacheRule").getBody().readUtf8();
    assertThat(body).contains("\"upstreamRegistry\":\"docker-hub\"");
    assertThat(body).contains("\"upstreamRegistryUrl\":\"registry-1.docker.io\"");
    assertThat(body).contains("\"credentialArn\":\"" + SECRET_ARN + "\"");
    assertThat(rules).containsExactly(hub);
  }

  @Test
  void cacheRulePutOtherUpstreamRejected() throws Exception {
    server.enqueue(
        json(
            "{\"pullThroughCacheRules\":[{\"ecrRepositoryPrefix\":\"hub\","
                + "\"upstreamRegistryUrl\":\"quay.io\",\"upstreamRegistry\":\"quay\"}]}"));
    PullThroughCacheRule hub =
        PullThroughCacheRule.dockerHub("hub").credentialArn(SECRET_ARN).build();

    assertThatThrownBy(() -> ecr.pullThroughCache().put(hub))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("delete the rule and create it again");
    next("DescribePullThroughCacheRules");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void cacheRulePutNewCredential() throws Exception {
    server.enqueue(
        json(
            "{\"pullThroughCacheRules\":[{\"ecrRepositoryPrefix\":\"hub\","
                + "\"upstreamRegistryUrl\":\"registry-1.docker.io\","
                + "\"upstreamRegistry\":\"docker-hub\",\"credentialArn\":\""
                + SECRET_ARN.replace("AbCdEf", "Old123")
                + "\"}]}"));
    server.enqueue(json("{\"ecrRepositoryPrefix\":\"hub\"}"));
    PullThroughCacheRule hub =
        PullThroughCacheRule.dockerHub("hub").credentialArn(SECRET_ARN).build();

    assertThat(ecr.pullThroughCache().put(hub)).isTrue();

    next("DescribePullThroughCacheRules");
    assertThat(next("UpdatePullThroughCacheRule").getBody().readUtf8()).contains(SECRET_ARN);
  }

  @Test
  void cacheRuleValidateFailure() throws Exception {
    server.enqueue(
        json(
            "{\"ecrRepositoryPrefix\":\"hub\",\"registryId\":\"123456789012\","
                + "\"upstreamRegistryUrl\":\"registry-1.docker.io\",\"isValid\":false,"
                + "\"failure\":\"Unable to access the secret\"}"));

    PullThroughCache.Validation validation = ecr.pullThroughCache().validate("hub");

    assertThat(validation.valid()).isFalse();
    assertThat(validation.failure()).isEqualTo("Unable to access the secret");
    next("ValidatePullThroughCacheRule");
  }

  @Test
  void replicationStatusPerDestination() throws Exception {
    server.enqueue(
        json(
            "{\"repositoryName\":\"app\",\"imageId\":{\"imageTag\":\"1.0\"},"
                + "\"replicationStatuses\":["
                + "{\"region\":\"eu-west-1\",\"registryId\":\"123456789012\","
                + "\"status\":\"COMPLETE\"},"
                + "{\"region\":\"us-west-2\",\"registryId\":\"210987654321\","
                + "\"status\":\"FAILED\",\"failureCode\":\"UnableToAccessDestination\"}]}"));

    List<Images.ReplicationStatus> statuses =
        ecr.images().replicationStatus("app", ImageId.tag("1.0"));

    assertThat(statuses)
        .containsExactly(
            new Images.ReplicationStatus("eu-west-1", "123456789012", "COMPLETE", null),
            new Images.ReplicationStatus(
                "us-west-2", "210987654321", "FAILED", "UnableToAccessDestination"));
    assertThat(next("DescribeImageReplicationStatus").getBody().readUtf8())
        .contains("\"imageId\":{\"imageTag\":\"1.0\"}");
  }
}
