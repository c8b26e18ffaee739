package dev.ecr4j.testkit.emulator;

import static dev.ecr4j.testkit.emulator.RegistryHttp.digest;
import static dev.ecr4j.testkit.emulator.RegistryHttp.repo;
import static dev.ecr4j.testkit.emulator.RegistryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * The registry API with the JDK's HTTP client: uploads, manifests of every type, referrers, tags,
 * the catalog, deletes, and every kind of bad input, which must get an OCI error and never a 500.
 */
class RegistryApiTest {

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  private static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final int MIB = 1024 * 1024;

  private static EcrEmulator emulator;
  private static EcrClient ecr;
  private static RegistryHttp http;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
    http = new RegistryHttp(emulator, ecr);
  }

  @AfterAll
  static void stop() {
    ecr.close();
    emulator.close();
  }

  private static String create(String name) {
    ecr.createRepository(r -> r.repositoryName(name));
    return repo(name);
  }

  /** Pushes a config and one layer and returns an OCI image manifest that lists them. */
  private static String imageManifest(String repo, String layerText) throws Exception {
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"l\":\"" + layerText + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] layer = layerText.getBytes(StandardCharsets.UTF_8);
    String configDigest = http.pushBlob(repo, config);
    String layerDigest = http.pushBlob(repo, layer);
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + configDigest
        + "\",\"size\":"
        + config.length
        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
        + layerDigest
        + "\",\"size\":"
        + layer.length
        + "}]}";
  }

  @Test
  void monolithicAndChunkedUploadsStoreBlob() throws Exception {
    String repo = create("uploads");
    byte[] blob = ExternalTools.randomBytes(11 * MIB, 7);
    String digest = digest(blob);

    // Chunked: a 6 MiB part and a 5 MiB last part.
    HttpResponse<byte[]> start = http.send("POST", repo + "/blobs/uploads/", new byte[0]);
    assertThat(start.statusCode()).isEqualTo(202);
    assertThat(start.headers().firstValue("OCI-Chunk-Min-Length")).hasValue("5242880");
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> first =
        http.send(
            "PATCH",
            location,
            Arrays.copyOfRange(blob, 0, 6 * MIB),
            "Content-Range",
            "0-" + (6 * MIB - 1),
            "Content-Type",
            "application/octet-stream");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.headers().firstValue("Range")).hasValue("0-" + (6 * MIB - 1));
    HttpResponse<byte[]> last =
        http.send(
            "PUT",
            emulator.endpoint().resolve(location + "?digest=" + digest),
            Arrays.copyOfRange(blob, 6 * MIB, blob.length),
            true);
    assertThat(last.statusCode()).as(text(last)).isEqualTo(201);
    assertThat(last.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

    HttpResponse<byte[]> head = http.send("HEAD", repo + "/blobs/" + digest, new byte[0]);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(blob.length));
    HttpResponse<byte[]> get = http.get(repo + "/blobs/" + digest);
    assertThat(get.body()).isEqualTo(blob);

    // Monolithic: the whole blob in the POST.
    byte[] small = "monolithic".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> mono =
        http.send("POST", repo + "/blobs/uploads/?digest=" + digest(small), small);
    assertThat(mono.statusCode()).isEqualTo(201);
    assertThat(http.get(repo + "/blobs/" + digest(small)).body()).isEqualTo(small);
  }

  @Test
  void smallPartBeforeLastIsRejected() throws Exception {
    String repo = create("small-parts");
    byte[] blob = ExternalTools.randomBytes(2 * MIB, 8);
    HttpResponse<byte[]> start = http.send("POST", repo + "/blobs/uploads/", new byte[0]);
    String location = start.headers().firstValue("Location").orElseThrow();
    http.send(
        "PATCH", location, Arrays.copyOfRange(blob, 0, MIB), "Content-Range", "0-" + (MIB - 1));
    HttpResponse<byte[]> last =
        http.send(
            "PUT",
            emulator.endpoint().resolve(location + "?digest=" + digest(blob)),
            Arrays.copyOfRange(blob, MIB, blob.length),
            true);

    assertThat(last.statusCode()).isEqualTo(400);
    assertThat(text(last))
        .contains("BLOB_UPLOAD_INVALID")
        .contains("All layer parts except the last part should be at least 5MB");
  }

  @Test
  void chunkOutOfOrderIsRangeError() throws Exception {
    String repo = create("out-of-order");
    HttpResponse<byte[]> start = http.send("POST", repo + "/blobs/uploads/", new byte[0]);
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> patch =
        http.send("PATCH", location, new byte[10], "Content-Range", "5-14");

    assertThat(patch.statusCode()).isEqualTo(416);
    assertThat(text(patch)).contains("BLOB_UPLOAD_INVALID");
    assertThat(patch.headers().firstValue("Range")).hasValue("0-0");
  }

  @Test
  void blobRangesThatCannotBeServedAre416() throws Exception {
    String repo = create("ranges");
    String digest = http.pushBlob(repo, "0123456789".getBytes(StandardCharsets.UTF_8));

    HttpResponse<byte[]> tail =
        http.send("GET", repo + "/blobs/" + digest, new byte[0], "Range", "bytes=4-");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(text(tail)).isEqualTo("456789");

    // A last position beyond the blob, even beyond a long, ends at the blob's end (RFC 9110,
    // 14.1.2).
    HttpResponse<byte[]> pastEnd =
        http.send(
            "GET", repo + "/blobs/" + digest, new byte[0], "Range", "bytes=8-99999999999999999999");
    assertThat(pastEnd.statusCode()).isEqualTo(206);
    assertThat(text(pastEnd)).isEqualTo("89");
    assertThat(pastEnd.headers().firstValue("Content-Range")).hasValue("bytes 8-9/10");

    for (String range : new String[] {"bytes=5-2", "bytes=99999999999999999999-"}) {
      HttpResponse<byte[]> response =
          http.send("GET", repo + "/blobs/" + digest, new byte[0], "Range", range);
      assertThat(response.statusCode()).as(range).isEqualTo(416);
      assertThat(text(response)).as(range).contains("'" + range + "'");
      assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */10");
    }
  }

  @Test
  void chunkContentRangeBeyondLongIsRangeError() throws Exception {
    String repo = create("range-overflow");
    HttpResponse<byte[]> start = http.send("POST", repo + "/blobs/uploads/", new byte[0]);
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> patch =
        http.send("PATCH", location, new byte[10], "Content-Range", "99999999999999999999-9");

    assertThat(patch.statusCode()).isEqualTo(416);
    assertThat(text(patch)).contains("'99999999999999999999-9'");
  }

  @Test
  void wrongDigestIsRejected() throws Exception {
    String repo = create("digests");
    byte[] blob = "content".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> wrong =
        http.send("POST", repo + "/blobs/uploads/?digest=" + digest("other"), blob);
    HttpResponse<byte[]> malformed =
        http.send("POST", repo + "/blobs/uploads/?digest=sha256:xyz", blob);
    HttpResponse<byte[]> sha512 =
        http.send("POST", repo + "/blobs/uploads/?digest=sha512:" + "ab".repeat(64), blob);

    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(text(wrong)).contains("\"code\":\"DIGEST_INVALID\"");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(sha512.statusCode()).isEqualTo(400);
    assertThat(http.send("HEAD", repo + "/blobs/" + digest("other"), new byte[0]).statusCode())
        .isEqualTo(404);
  }

  @Test
  void manifestsOfEveryTypeRoundTrip() throws Exception {
    String repo = create("types");
    String oci = imageManifest(repo, "oci layer");
    HttpResponse<byte[]> put = http.putManifest(repo, "oci", OCI_MANIFEST, oci);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest(oci));

    String docker =
        imageManifest(repo, "docker layer")
            .replace(OCI_MANIFEST, DOCKER_MANIFEST)
            .replace(
                "application/vnd.oci.image.config.v1+json",
                "application/vnd.docker.container.image.v1+json")
            .replace(
                "application/vnd.oci.image.layer.v1.tar",
                "application/vnd.docker.image.rootfs.diff.tar.gzip");
    assertThat(http.putManifest(repo, "docker", DOCKER_MANIFEST, docker).statusCode())
        .isEqualTo(201);

    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + digest(oci)
            + "\",\"size\":"
            + oci.length()
            + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    assertThat(http.putManifest(repo, "index", OCI_INDEX, index).statusCode()).isEqualTo(201);
    String list =
        index
            .replace(OCI_INDEX, DOCKER_LIST)
            .replace(OCI_MANIFEST, DOCKER_MANIFEST)
            .replace(digest(oci), digest(docker))
            .replace("\"size\":" + oci.length(), "\"size\":" + docker.length());
    assertThat(http.putManifest(repo, "list", DOCKER_LIST, list).statusCode()).isEqualTo(201);

    for (String[] expected :
        new String[][] {
          {"oci", OCI_MANIFEST, oci},
          {"docker", DOCKER_MANIFEST, docker},
          {"index", OCI_INDEX, index},
          {"list", DOCKER_LIST, list}
        }) {
      HttpResponse<byte[]> get = http.get(repo + "/manifests/" + expected[0]);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.headers().firstValue("Content-Type")).hasValue(expected[1]);
      assertThat(text(get)).isEqualTo(expected[2]);
      assertThat(http.get(repo + "/manifests/" + digest(expected[2])).statusCode()).isEqualTo(200);
    }
    ImageDetail detail =
        ecr.describeImages(r -> r.repositoryName("types").imageIds(i -> i.imageTag("list")))
            .imageDetails()
            .get(0);
    assertThat(detail.imageManifestMediaType()).isEqualTo(DOCKER_LIST);
  }

  @Test
  void manifestWithMissingBlobIsRejected() throws Exception {
    String repo = create("missing-blobs");
    String manifest =
        imageManifest(repo, "present").replaceFirst("sha256:[0-9a-f]{64}", digest("absent"));
    HttpResponse<byte[]> put = http.putManifest(repo, "v1", OCI_MANIFEST, manifest);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(text(put)).contains("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void badManifestsAreRejectedWithoutServerError() throws Exception {
    String repo = create("bad-manifests");
    String good = imageManifest(repo, "good");
    String[][] cases = {
      {"v1", OCI_MANIFEST, "{not json", "MANIFEST_INVALID"},
      {"v1", OCI_MANIFEST, "[1,2]", "MANIFEST_INVALID"},
      {"v1", OCI_MANIFEST, "{\"schemaVersion\":3}", "MANIFEST_INVALID"},
      {"v1", OCI_MANIFEST, "{\"schemaVersion\":2,\"layers\":[]}", "MANIFEST_INVALID"},
      {"v1", DOCKER_MANIFEST, good, "MANIFEST_INVALID"},
      {digest("else"), OCI_MANIFEST, good, "DIGEST_INVALID"},
      {"bad tag!", OCI_MANIFEST, good, "TAG_INVALID"},
      {".dot", OCI_MANIFEST, good, "TAG_INVALID"},
      {"sha256:zz", OCI_MANIFEST, good, "DIGEST_INVALID"},
    };
    for (String[] bad : cases) {
      HttpResponse<byte[]> put =
          http.putManifest(repo, bad[0].replace(" ", "%20").replace("!", "%21"), bad[1], bad[2]);
      assertThat(put.statusCode()).as(bad[0] + " " + bad[2]).isBetween(400, 499);
      assertThat(text(put)).as(bad[0] + " " + bad[2]).contains("\"code\":\"" + bad[3] + "\"");
    }

    String large = "{\"schemaVersion\":2,\"pad\":\"" + "x".repeat(4 * MIB) + "\"}";
    HttpResponse<byte[]> tooLarge = http.putManifest(repo, "large", OCI_MANIFEST, large);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
  }

  @Test
  void badPathsAndMethodsGetOciErrors() throws Exception {
    create("paths");
    String[][] cases = {
      {"GET", "/v2/app/tags/list", "400", "NAME_INVALID"},
      {"GET", "/v2/000000000000/us-east-1/UPPER/tags/list", "400", "NAME_INVALID"},
      {"GET", "/v2/000000000000/us-east-1/nothing/tags/list", "404", "NAME_UNKNOWN"},
      {"GET", repo("paths") + "/manifests/none", "404", "MANIFEST_UNKNOWN"},
      {"GET", repo("paths") + "/blobs/" + digest("x"), "404", "BLOB_UNKNOWN"},
      {"GET", repo("paths") + "/blobs/uploads/unknown", "404", "BLOB_UPLOAD_UNKNOWN"},
      {"DELETE", repo("paths") + "/blobs/" + digest("x"), "405", "UNSUPPORTED"},
      {"POST", repo("paths") + "/manifests/v1", "405", "UNSUPPORTED"},
      {"GET", repo("paths") + "/tags/list?n=1001", "405", "UNSUPPORTED"},
      {"GET", repo("paths") + "/tags/list?n=abc", "400", "PAGINATION_NUMBER_INVALID"},
      {"GET", repo("paths") + "/referrers/notadigest", "400", "DIGEST_INVALID"},
      {"GET", "/v2/_catalog?n=5000", "405", "UNSUPPORTED"},
      {"GET", repo("paths") + "/unknown", "404", "NOT_FOUND"},
      {"GET", "/v2/000000000000/us-east-1/%2e%2e/tags/list", "400", "NAME_INVALID"},
    };
    for (String[] bad : cases) {
      HttpResponse<byte[]> response = http.send(bad[0], bad[1], new byte[0]);
      assertThat(response.statusCode()).as(bad[1]).isEqualTo(Integer.parseInt(bad[2]));
      assertThat(text(response)).as(bad[1]).startsWith("{\"errors\":[{\"code\":\"" + bad[3] + "\"");
      assertThat(response.headers().firstValue("Docker-Distribution-Api-Version"))
          .hasValue("registry/2.0");
    }
    assertThat(text(http.get(repo("paths") + "/tags/list?n=1001")))
        .contains("Member must have value less than or equal to 1000");
  }

  @Test
  void authenticationFollowsEcr() throws Exception {
    HttpResponse<byte[]> anonymous = http.sendWithoutCredentials("GET", "/v2/");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo(
            "Basic realm=\"http://"
                + emulator.registryHost()
                + "/\",service=\"ecr.amazonaws.com\"");

    HttpResponse<byte[]> wrongPassword =
        http.send(
            "GET",
            emulator.endpoint().resolve("/v2/"),
            new byte[0],
            false,
            "Authorization",
            "Basic QVdTOndyb25n");
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    HttpResponse<byte[]> garbage =
        http.send(
            "GET",
            emulator.endpoint().resolve("/v2/"),
            new byte[0],
            false,
            "Authorization",
            "Basic %%%");
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(http.get("/v2/").statusCode()).isEqualTo(200);
  }

  @Test
  void unauthorizedHeadKeepsConnectionOpen() throws Exception {
    // Registry clients such as OkHttp send HEAD first and reuse the connection for the next
    // request, so a 401 to HEAD must carry no body and must not close the connection.
    String head = "HEAD /v2/ HTTP/1.1\r\nHost: " + emulator.registryHost() + "\r\n\r\n";
    try (Socket socket = new Socket(emulator.endpoint().getHost(), emulator.endpoint().getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));

      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      List<String> first = readResponseHead(in);
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      List<String> second = readResponseHead(in);

      assertThat(first).first().isEqualTo("HTTP/1.1 401 Unauthorized");
      assertThat(first).doesNotContain("Connection: close");
      assertThat(first).anyMatch(line -> line.startsWith("Www-authenticate: Basic realm="));
      assertThat(second).first().isEqualTo("HTTP/1.1 401 Unauthorized");
    }
  }

  /** Reads a response's status line and headers, up to the empty line that ends them. */
  private static List<String> readResponseHead(BufferedReader in) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void expiredTokenIsDenied() throws Exception {
    try (EcrEmulator own = EcrEmulator.start();
        EcrClient client = SdkClients.ecr(own)) {
      RegistryHttp registry = new RegistryHttp(own, client);
      own.advanceClock(Duration.ofHours(12));

      HttpResponse<byte[]> response = registry.get("/v2/");

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(text(response))
          .isEqualTo(
              "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"Your authorization token has"
                  + " expired. Reauthenticate and try again.\"}]}");
    }
  }

  @Test
  void tagsAndCatalogPageWithLinks() throws Exception {
    String repo = create("paged");
    String manifest = imageManifest(repo, "paged");
    for (String tag : new String[] {"a", "b", "c", "d", "e"}) {
      assertThat(http.putManifest(repo, tag, OCI_MANIFEST, manifest).statusCode()).isEqualTo(201);
    }

    HttpResponse<byte[]> first = http.get(repo + "/tags/list?n=2");
    assertThat(text(first))
        .isEqualTo("{\"name\":\"000000000000/us-east-1/paged\",\"tags\":[\"a\",\"b\"]}");
    String link = first.headers().firstValue("Link").orElseThrow();
    assertThat(link).isEqualTo("<" + repo + "/tags/list?n=2&last=b>; rel=\"next\"");
    HttpResponse<byte[]> second = http.get(link.substring(1, link.indexOf('>')));
    assertThat(text(second)).contains("[\"c\",\"d\"]");
    assertThat(text(http.get(repo + "/tags/list?last=d"))).contains("[\"e\"]");
    assertThat(http.get(repo + "/tags/list?last=d").headers().firstValue("Link")).isEmpty();

    HttpResponse<byte[]> catalog = http.get("/v2/_catalog?n=1000");
    assertThat(text(catalog)).contains("\"000000000000/us-east-1/paged\"");
  }

  @Test
  void referrersListArtifactsWithSubject() throws Exception {
    String repo = create("referrers");
    String subject = imageManifest(repo, "subject");
    http.putManifest(repo, "v1", OCI_MANIFEST, subject);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    String emptyDigest = http.pushBlob(repo, empty);
    String signature =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"artifactType\":\"application/vnd.example.signature\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + emptyDigest
            + "\",\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"digest\":\""
            + digest(subject)
            + "\",\"size\":"
            + subject.length()
            + "},\"annotations\":{\"org.example\":\"signed\"}}";
    HttpResponse<byte[]> put = http.putManifest(repo, digest(signature), OCI_MANIFEST, signature);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
    assertThat(put.headers().firstValue("OCI-Subject")).hasValue(digest(subject));

    HttpResponse<byte[]> all = http.get(repo + "/referrers/" + digest(subject));
    assertThat(all.headers().firstValue("Content-Type")).hasValue(OCI_INDEX);
    assertThat(text(all))
        .contains(digest(signature))
        .contains("\"artifactType\":\"application/vnd.example.signature\"")
        .contains("\"org.example\":\"signed\"");
    HttpResponse<byte[]> filtered =
        http.get(repo + "/referrers/" + digest(subject) + "?artifactType=application/other");
    assertThat(text(filtered)).contains("\"manifests\":[]");
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    assertThat(
            ecr.listImageReferrers(
                    r ->
                        r.repositoryName("referrers")
                            .subjectId(s -> s.imageDigest(digest(subject))))
                .referrers())
        .hasSize(1);
  }

  @Test
  void immutableTagAnswersTagInvalid() throws Exception {
    ecr.createRepository(
        r ->
            r.repositoryName("immutable")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION")
                .imageTagMutabilityExclusionFilters(
                    f -> f.filterType("WILDCARD").filter("latest")));
    String repo = repo("immutable");
    String first = imageManifest(repo, "first");
    String second = imageManifest(repo, "second");
    assertThat(http.putManifest(repo, "v1", OCI_MANIFEST, first).statusCode()).isEqualTo(201);
    assertThat(http.putManifest(repo, "latest", OCI_MANIFEST, first).statusCode()).isEqualTo(201);

    HttpResponse<byte[]> again = http.putManifest(repo, "v1", OCI_MANIFEST, first);
    HttpResponse<byte[]> moved = http.putManifest(repo, "v1", OCI_MANIFEST, second);
    HttpResponse<byte[]> excluded = http.putManifest(repo, "latest", OCI_MANIFEST, second);

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(text(again))
        .isEqualTo(
            "{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag 'v1' already exists"
                + " in the 'immutable' repository and cannot be overwritten because the tag is"
                + " immutable.\"}]}");
    assertThat(moved.statusCode()).isEqualTo(400);
    assertThat(excluded.statusCode()).isEqualTo(201);
  }

  @Test
  void deletesUntagAndRemoveImages() throws Exception {
    String repo = create("deletes");
    String manifest = imageManifest(repo, "delete me");
    http.putManifest(repo, "one", OCI_MANIFEST, manifest);
    http.putManifest(repo, "two", OCI_MANIFEST, manifest);

    assertThat(http.send("DELETE", repo + "/manifests/one", new byte[0]).statusCode())
        .isEqualTo(202);
    assertThat(http.get(repo + "/manifests/one").statusCode()).isEqualTo(404);
    assertThat(http.get(repo + "/manifests/two").statusCode()).isEqualTo(200);
    assertThat(
            http.send("DELETE", repo + "/manifests/" + digest(manifest), new byte[0]).statusCode())
        .isEqualTo(202);
    assertThat(http.get(repo + "/manifests/two").statusCode()).isEqualTo(404);
    assertThat(ecr.describeImages(r -> r.repositoryName("deletes")).imageDetails()).isEmpty();
  }

  @Test
  void mountNeedsBlobMountingSetting() throws Exception {
    try (EcrEmulator own = EcrEmulator.start();
        EcrClient client = SdkClients.ecr(own)) {
      RegistryHttp registry = new RegistryHttp(own, client);
      client.createRepository(r -> r.repositoryName("source"));
      client.createRepository(r -> r.repositoryName("target"));
      byte[] layer = "shared layer".getBytes(StandardCharsets.UTF_8);
      byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
      String layerDigest = registry.pushBlob(repo("source"), layer);
      String configDigest = registry.pushBlob(repo("source"), config);
      String manifest =
          "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
              + configDigest
              + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
              + layerDigest
              + "\",\"size\":"
              + layer.length
              + "}]}";
      registry.putManifest(repo("source"), "v1", OCI_MANIFEST, manifest);
      String mount =
          repo("target")
              + "/blobs/uploads/?mount="
              + layerDigest
              + "&from=000000000000/us-east-1/source";

      HttpResponse<byte[]> disabled = registry.send("POST", mount, new byte[0]);
      client.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("ENABLED"));
      HttpResponse<byte[]> enabled = registry.send("POST", mount, new byte[0]);

      assertThat(disabled.statusCode()).isEqualTo(202);
      assertThat(enabled.statusCode()).isEqualTo(201);
      assertThat(enabled.headers().firstValue("Location"))
          .hasValue(repo("target") + "/blobs/" + layerDigest);
      assertThat(registry.get(repo("target") + "/blobs/" + layerDigest).body()).isEqualTo(layer);
    }
  }

  @Test
  void createOnPushTemplateCreatesRepository() throws Exception {
    ecr.createRepositoryCreationTemplate(
        r ->
            r.prefix("auto")
                .appliedForWithStrings("CREATE_ON_PUSH")
                .imageTagMutability("IMMUTABLE"));

    HttpResponse<byte[]> start =
        http.send("POST", repo("auto/created") + "/blobs/uploads/", new byte[0]);
    HttpResponse<byte[]> elsewhere =
        http.send("POST", repo("manual/missing") + "/blobs/uploads/", new byte[0]);

    assertThat(start.statusCode()).isEqualTo(202);
    assertThat(
            ecr.describeRepositories(r -> r.repositoryNames("auto/created"))
                .repositories()
                .get(0)
                .imageTagMutabilityAsString())
        .isEqualTo("IMMUTABLE");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(text(elsewhere)).contains("NAME_UNKNOWN");
  }
}
