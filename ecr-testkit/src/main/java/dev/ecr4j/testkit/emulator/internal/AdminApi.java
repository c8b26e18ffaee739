package dev.ecr4j.testkit.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's own HTTP API under {@code /_ecr4j/}, for tests that do not run in the JVM: the
 * clock, lifecycle runs, faults and reset, plus the layer downloads that GetDownloadUrlForLayer
 * hands out. ECR has no such paths, so they cannot clash with its APIs. The admin API takes no
 * credentials: the emulator listens on 127.0.0.1 only.
 *
 * <pre>
 * GET    /_ecr4j/clock                  {"now": "2026-01-01T00:00:00Z"}
 * POST   /_ecr4j/clock/advance?by=PT25H {"now": ..., "lifecycleRun": {...}} (run when one was due)
 * POST   /_ecr4j/lifecycle/run          {"evaluatedAt": ..., "expired": [...], "archived": [...]}
 * POST   /_ecr4j/faults                 {"kind": "THROTTLING", "operation": "PutImage", "times": 3}
 * DELETE /_ecr4j/faults                 removes every fault
 * POST   /_ecr4j/reset                  deletes every registry, token, blob and fault
 * GET    /_ecr4j/layers/DIGEST?signature=... a layer, as GetDownloadUrlForLayer's URL
 * </pre>
 */
final class AdminApi {

  /** The members of a fault request, in the order the docs list them, with their JSON types. */
  private static final Map<String, String> FAULT_MEMBERS = faultMembers();

  /** The reserved path prefix. */
  static final String PREFIX = "/_ecr4j/";

  private static final System.Logger LOG = LazyLogger.of(AdminApi.class);

  /** Admin requests are small JSON objects, so a longer body is rejected rather than cut. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final EmulatorState state;

  AdminApi(EmulatorState state) {
    this.state = state;
  }

  /** Serves one admin request. */
  void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        throw new IllegalArgumentException(
            "The admin request body is larger than " + MAX_BODY_BYTES + " bytes.");
      }
      if (path.startsWith("layers/") && method.equals("GET")) {
        layer(exchange, path.substring("layers/".length()));
        return;
      }
      ObjectNode response =
          switch (method + " " + path) {
            case "GET clock" -> clock();
            case "POST clock/advance" -> advance(exchange, body);
            case "POST lifecycle/run" -> run(LifecycleRunner.runAll(state, state.now()));
            case "POST faults" -> addFault(body);
            case "DELETE faults" -> {
              state.faults().clear();
              yield Json.object();
            }
            case "POST reset" -> {
              state.reset();
              yield Json.object();
            }
            default ->
                throw new IllegalArgumentException(
                    "Unknown admin request "
                        + method
                        + " "
                        + PREFIX
                        + path
                        + ". See the admin API in docs/emulator.md.");
          };
      send(exchange, 200, response);
    } catch (IllegalArgumentException e) {
      ObjectNode error = Json.object();
      error.put("error", String.valueOf(e.getMessage()));
      send(exchange, 400, error);
    } catch (RuntimeException bug) {
      LOG.log(Level.WARNING, "Admin request " + method + " " + path + " failed", bug);
      ObjectNode error = Json.object();
      error.put("error", "The admin request failed inside the emulator (" + bug + ").");
      send(exchange, 500, error);
    }
  }

  private ObjectNode clock() {
    ObjectNode response = Json.object();
    response.put("now", state.now().toString());
    return response;
  }

  private ObjectNode advance(HttpExchange exchange, byte[] body) {
    String by = null;
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null && query.startsWith("by=")) {
      by = query.substring(3);
    } else if (body.length > 0) {
      by = Json.text(parse(body), "by");
    }
    if (by == null) {
      throw new IllegalArgumentException(
          "Missing duration: send POST " + PREFIX + "clock/advance?by=PT25H (ISO-8601).");
    }
    Duration duration;
    try {
      duration = Duration.parse(by.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid duration '" + by + "': expected ISO-8601 such as PT25H or P3D.", e);
    }
    state.clock().advance(duration);
    ObjectNode response = clock();
    Optional<LifecycleRunner.Run> run = state.runLifecycleIfDue();
    run.ifPresent(r -> response.set("lifecycleRun", run(r)));
    return response;
  }

  static ObjectNode run(LifecycleRunner.Run run) {
    ObjectNode response = Json.object();
    response.put("evaluatedAt", run.evaluatedAt().toString());
    run.expired().forEach(response.putArray("expired")::add);
    run.archived().forEach(response.putArray("archived")::add);
    return response;
  }

  private ObjectNode addFault(byte[] body) {
    JsonNode input = parse(body);
    checkFaultMembers(input);
    String kindText = Json.text(input, "kind", "");
    FaultInjector.Kind kind;
    try {
      kind = FaultInjector.Kind.valueOf(kindText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid kind '"
              + kindText
              + "': expected one of "
              + java.util.Arrays.toString(FaultInjector.Kind.values())
              + ".",
          e);
    }
    FaultInjector.Rule rule =
        FaultInjector.rule(
            kind,
            Json.text(input, "operation"),
            Json.text(input, "path"),
            input.path("times").asInt(-1),
            input.path("fraction").asDouble(1.0),
            input.path("seed").asLong(0),
            input.path("status").asInt(500),
            Duration.ofMillis(input.path("latencyMillis").asLong(0)));
    state.faults().add(rule);
    ObjectNode response = Json.object();
    response.put("faults", state.faults().size());
    return response;
  }

  /**
   * Rejects unknown members and members of the wrong JSON type. Without this check, a misspelled
   * {@code "operation"} or a {@code "times"} given as a string would be ignored, and the fault
   * would hit every request.
   */
  private static void checkFaultMembers(JsonNode input) {
    for (var member : input.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      String expected = FAULT_MEMBERS.get(name);
      if (expected == null) {
        throw new IllegalArgumentException(
            "Unknown fault member '"
                + name
                + "': expected "
                + String.join(", ", FAULT_MEMBERS.keySet())
                + ". Member names are case-sensitive.");
      }
      boolean valid =
          switch (expected) {
            case "a string" -> value.isString();
            case "an integer" -> value.isIntegralNumber();
            default -> value.isNumber();
          };
      if (!valid) {
        throw new IllegalArgumentException(
            "Invalid " + name + " " + value + ": expected " + expected + ".");
      }
    }
  }

  private static Map<String, String> faultMembers() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("kind", "a string");
    members.put("operation", "a string");
    members.put("path", "a string");
    members.put("times", "an integer");
    members.put("fraction", "a number");
    members.put("seed", "an integer");
    members.put("status", "an integer");
    members.put("latencyMillis", "an integer");
    return java.util.Collections.unmodifiableMap(members);
  }

  private static JsonNode parse(byte[] body) {
    JsonNode node = Json.parseDocument(new String(body, StandardCharsets.UTF_8));
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("The request body must be a JSON object.");
    }
    return node;
  }

  /** Serves a layer to a download URL whose signature this emulator issued. */
  private void layer(HttpExchange exchange, String digest) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String signature = query != null && query.startsWith("signature=") ? query.substring(10) : "";
    Optional<Path> file = state.blobs().find(digest);
    if (!state.verifyLayerSignature(digest, signature) || file.isEmpty()) {
      ObjectNode error = Json.object();
      error.put("error", "The download URL is invalid or the layer no longer exists.");
      send(exchange, 403, error);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    long size = Files.size(file.get());
    exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
    try (OutputStream out = exchange.getResponseBody()) {
      Files.copy(file.get(), out);
    }
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
