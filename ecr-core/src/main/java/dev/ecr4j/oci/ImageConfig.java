package dev.ecr4j.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI image config: platform, entrypoint, command, environment, labels, working directory, user,
 * and the diff ids (uncompressed layer digests) of the root file system.
 *
 * <p>The rendering is deterministic: the same values always give the same bytes and digest, and no
 * creation time is written unless one is set.
 */
public final class ImageConfig {

  private final byte[] bytes;
  private final Platform platform;

  private ImageConfig(byte[] bytes, Platform platform) {
    this.bytes = bytes;
    this.platform = platform;
  }

  /** Returns a builder of a config for {@code platform}. */
  public static Builder builder(Platform platform) {
    return new Builder(platform);
  }

  /** Returns a copy of the rendered JSON. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the platform. */
  public Platform platform() {
    return platform;
  }

  /** Returns the descriptor of this config. */
  public Descriptor descriptor() {
    return Descriptor.of(MediaTypes.OCI_CONFIG, bytes);
  }

  /** Reads the platform of a config document, OCI or Docker. */
  public static Platform platformOf(byte[] config) {
    ObjectNode node = OciJson.readObject(config, "Image config");
    return new Platform(
        OciJson.requireText(node, "os", "Image config"),
        OciJson.requireText(node, "architecture", "Image config"),
        OciJson.text(node, "variant"));
  }

  /** Builds an {@link ImageConfig}. */
  public static final class Builder {
    private final Platform platform;
    private List<String> entrypoint = List.of();
    private List<String> cmd = List.of();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Digest> diffIds = new ArrayList<>();
    private String workingDir = "";
    private String user = "";
    private String created = "";

    private Builder(Platform platform) {
      this.platform = Objects.requireNonNull(platform, "platform");
    }

    /** Sets the entrypoint, the program and its first arguments. */
    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = List.copyOf(entrypoint);
      return this;
    }

    /** Sets the default arguments after the entrypoint. */
    public Builder cmd(List<String> cmd) {
      this.cmd = List.copyOf(cmd);
      return this;
    }

    /**
     * Sets an environment variable.
     *
     * @throws IllegalArgumentException when the name is empty or contains '='
     */
    public Builder env(String name, String value) {
      if (name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException(
            "Invalid environment variable name '"
                + name
                + "': expected a non-empty name without '='");
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets a label. */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the working directory of the process. */
    public Builder workingDir(String workingDir) {
      this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
      return this;
    }

    /** Sets the user, as {@code name}, {@code uid} or {@code uid:gid}. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** Sets the creation time, an RFC 3339 timestamp. By default no time is written. */
    public Builder created(String created) {
      this.created = Objects.requireNonNull(created, "created");
      return this;
    }

    /** Appends the diff id of the next layer: the digest of its uncompressed tar. */
    public Builder diffId(Digest diffId) {
      diffIds.add(Objects.requireNonNull(diffId, "diffId"));
      return this;
    }

    /** Renders the config. */
    public ImageConfig build() {
      ObjectNode node = OciJson.object();
      if (!created.isEmpty()) {
        node.put("created", created);
      }
      node.put("architecture", platform.architecture());
      node.put("os", platform.os());
      if (platform.variant() != null) {
        node.put("variant", platform.variant());
      }
      ObjectNode config = node.putObject("config");
      if (!user.isEmpty()) {
        config.put("User", user);
      }
      if (!env.isEmpty()) {
        ArrayNode envNode = config.putArray("Env");
        env.forEach((name, value) -> envNode.add(name + "=" + value));
      }
      if (!entrypoint.isEmpty()) {
        ArrayNode entrypointNode = config.putArray("Entrypoint");
        entrypoint.forEach(entrypointNode::add);
      }
      if (!cmd.isEmpty()) {
        ArrayNode cmdNode = config.putArray("Cmd");
        cmd.forEach(cmdNode::add);
      }
      if (!workingDir.isEmpty()) {
        config.put("WorkingDir", workingDir);
      }
      if (!labels.isEmpty()) {
        ObjectNode labelsNode = config.putObject("Labels");
        labels.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(entry -> labelsNode.put(entry.getKey(), entry.getValue()));
      }
      ObjectNode rootfs = node.putObject("rootfs");
      rootfs.put("type", "layers");
      ArrayNode diffIdsNode = rootfs.putArray("diff_ids");
      diffIds.forEach(diffId -> diffIdsNode.add(diffId.toString()));
      return new ImageConfig(OciJson.write(node), platform);
    }
  }
}
