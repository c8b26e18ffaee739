package dev.ecr4j.policy.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The upstream registries ECR can cache through a pull through cache rule, with the registry URL
 * each one needs and how ECR authenticates to it.
 */
public enum UpstreamRegistry {
  /** Another Amazon ECR private registry; cross-account access uses an IAM role. */
  ECR("ecr", null, "[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?", false),
  /** Amazon ECR Public; no credentials. */
  ECR_PUBLIC("ecr-public", "public.ecr.aws", null, false),
  /** Quay; no credentials. */
  QUAY("quay", "quay.io", null, false),
  /** The Kubernetes container image registry; no credentials. */
  KUBERNETES("k8s", "registry.k8s.io", null, false),
  /** Docker Hub; needs a Secrets Manager secret. */
  DOCKER_HUB("docker-hub", "registry-1.docker.io", null, true),
  /** GitHub Container Registry; needs a Secrets Manager secret. */
  GITHUB_CONTAINER_REGISTRY("github-container-registry", "ghcr.io", null, true),
  /** A Microsoft Azure container registry, at its own host; needs a Secrets Manager secret. */
  AZURE_CONTAINER_REGISTRY("azure-container-registry", null, "[a-z0-9]+\\.azurecr\\.io", true),
  /** GitLab Container Registry on GitLab.com; needs a Secrets Manager secret. */
  GITLAB_CONTAINER_REGISTRY("gitlab-container-registry", "registry.gitlab.com", null, true),
  // NOTE: the API model's documentation gives no URL for Chainguard; cgr.dev is the host of
  // Chainguard's registry.
  /** Chainguard's registry; needs a Secrets Manager secret. */
  CHAINGUARD("chainguard", "cgr.dev", null, true);

  private final String json;
  private final @Nullable String url;
  private final @Nullable Pattern urlPattern;
  private final boolean requiresCredentialArn;

  UpstreamRegistry(
      String json,
      @Nullable String url,
      @Nullable String urlPattern,
      boolean requiresCredentialArn) {
    this.json = json;
    this.url = url;
    this.urlPattern = urlPattern == null ? null : Pattern.compile(urlPattern);
    this.requiresCredentialArn = requiresCredentialArn;
  }

  /** Returns the value as ECR's API spells it, such as {@code docker-hub}. */
  public String json() {
    return json;
  }

  /**
   * Returns the one upstream registry URL of this registry, such as {@code registry-1.docker.io};
   * empty for ECR and Azure, whose URL names the account or registry.
   */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  /**
   * Returns true when {@code upstreamRegistryUrl} has the syntax the API model documents for this
   * registry: a host name, without scheme or path.
   */
  public boolean acceptsUrl(String upstreamRegistryUrl) {
    Objects.requireNonNull(upstreamRegistryUrl, "upstreamRegistryUrl");
    if (url != null) {
      return url.equals(upstreamRegistryUrl);
    }
    return urlPattern != null && urlPattern.matcher(upstreamRegistryUrl).matches();
  }

  /** Returns true when ECR needs a Secrets Manager secret ({@code credentialArn}) for it. */
  public boolean requiresCredentialArn() {
    return requiresCredentialArn;
  }

  /** Finds the constant that ECR's API spells {@code json}, matching case exactly. */
  public static Optional<UpstreamRegistry> fromJson(String json) {
    Objects.requireNonNull(json, "json");
    for (UpstreamRegistry registry : values()) {
      if (registry.json.equals(json)) {
        return Optional.of(registry);
      }
    }
    return Optional.empty();
  }

  /** Finds the upstream registry whose documented URL syntax {@code upstreamRegistryUrl} has. */
  public static Optional<UpstreamRegistry> forUrl(String upstreamRegistryUrl) {
    Objects.requireNonNull(upstreamRegistryUrl, "upstreamRegistryUrl");
    for (UpstreamRegistry registry : values()) {
      if (registry.acceptsUrl(upstreamRegistryUrl)) {
        return Optional.of(registry);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return json;
  }
}
