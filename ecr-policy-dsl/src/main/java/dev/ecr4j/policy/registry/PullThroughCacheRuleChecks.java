package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Parses a CreatePullThroughCacheRule request, and checks a rule against ECR's rules. */
final class PullThroughCacheRuleChecks {

  /**
   * The {@code CredentialArn} limits and pattern of the API model. The pattern needs at least 54
   * characters, so the model's minimum of 50 needs no check of its own.
   */
  static final int MAX_CREDENTIAL_ARN = 612;

  private static final Pattern CREDENTIAL_ARN =
      Pattern.compile(
          "arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/"
              + "[a-zA-Z0-9\\/_+=.@-]+");

  /** Any Secrets Manager secret ARN, to tell a wrong secret name from a wrong ARN. */
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:(.+)");

  /** Hosts people write for a registry, with the URL the API model documents for it. */
  private static final Map<String, String> URL_CORRECTIONS =
      Map.of(
          "docker.io", "registry-1.docker.io",
          "index.docker.io", "registry-1.docker.io",
          "hub.docker.com", "registry-1.docker.io",
          "gitlab.com", "registry.gitlab.com",
          "k8s.gcr.io", "registry.k8s.io");

  private static final List<String> KEYS =
      List.of(
          "ecrRepositoryPrefix",
          "upstreamRegistryUrl",
          "upstreamRegistry",
          "credentialArn",
          "customRoleArn",
          "upstreamRepositoryPrefix");
  private static final String EXAMPLE =
      "{\"ecrRepositoryPrefix\": \"quay\", \"upstreamRegistryUrl\": \"quay.io\"}";
  private static final String CREDENTIAL_FIX =
      "Store the credentials in a Secrets Manager secret whose name starts with"
          + " ecr-pullthroughcache/, and set credentialArn to its ARN.";

  private PullThroughCacheRuleChecks() {}

  static Documents.Parsed<PullThroughCacheRule> parse(String json) {
    JsonReader reader = new JsonReader("the pull through cache rule", "CreatePullThroughCacheRule");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    if (root == null) {
      return Documents.Parsed.of(null, reader.violations());
    }
    reader.rejectUnknownKeys(
        root, "$", KEYS, Set.of("createdAt", "updatedAt"), Set.of("registryId"));

    String prefix =
        reader.string(root, "ecrRepositoryPrefix", "$", true, "a prefix such as \"docker-hub\"");
    String url =
        reader.string(root, "upstreamRegistryUrl", "$", true, "a host such as \"quay.io\"");
    UpstreamRegistry registry =
        reader.enumValue(
            root,
            "upstreamRegistry",
            "$",
            UpstreamRegistry.values(),
            UpstreamRegistry::json,
            false);
    String credentialArn =
        reader.string(root, "credentialArn", "$", false, "a Secrets Manager secret ARN");
    String customRoleArn = reader.string(root, "customRoleArn", "$", false, "an IAM role ARN");
    String upstreamPrefix =
        reader.string(root, "upstreamRepositoryPrefix", "$", false, "a prefix such as \"team-a\"");

    PullThroughCacheRule rule =
        prefix == null || url == null
            ? null
            : new PullThroughCacheRule(
                prefix, url, registry, credentialArn, customRoleArn, upstreamPrefix);
    return Documents.Parsed.of(rule, reader.violations());
  }

  static List<PolicyViolation> violations(PullThroughCacheRule rule) {
    List<PolicyViolation> out = new ArrayList<>();
    Constraints.checkPrefix(
        out,
        "$.ecrRepositoryPrefix",
        "The ECR repository prefix",
        rule.ecrRepositoryPrefix(),
        PullThroughCacheRule.MIN_PREFIX_LENGTH,
        PullThroughCacheRule.MAX_PREFIX_LENGTH);
    checkUrl(out, rule);
    Optional<UpstreamRegistry> registry = rule.effectiveUpstreamRegistry();
    if (rule.credentialArn().isPresent()) {
      checkCredentialArn(out, rule.credentialArn().get());
    } else if (registry.isPresent() && registry.get().requiresCredentialArn()) {
      Constraints.add(
          out,
          "$.credentialArn",
          "Upstream registry "
              + registry.get()
              + " requires authentication, but credentialArn is missing.",
          CREDENTIAL_FIX);
    }
    rule.customRoleArn()
        .ifPresent(arn -> Constraints.checkRoleArn(out, "$.customRoleArn", "customRoleArn", arn));
    rule.upstreamRepositoryPrefix()
        .ifPresent(
            prefix ->
                Constraints.checkPrefix(
                    out,
                    "$.upstreamRepositoryPrefix",
                    "The upstream repository prefix",
                    prefix,
                    PullThroughCacheRule.MIN_PREFIX_LENGTH,
                    PullThroughCacheRule.MAX_PREFIX_LENGTH));
    return List.copyOf(out);
  }

  static List<PolicyWarning> warnings(PullThroughCacheRule rule) {
    List<PolicyWarning> warnings = new ArrayList<>();
    Constraints.checkRootSpelling(warnings, "$.ecrRepositoryPrefix", rule.ecrRepositoryPrefix());
    rule.upstreamRepositoryPrefix()
        .ifPresent(
            prefix ->
                Constraints.checkRootSpelling(warnings, "$.upstreamRepositoryPrefix", prefix));
    Optional<UpstreamRegistry> found = rule.effectiveUpstreamRegistry();
    if (found.isEmpty()) {
      return List.copyOf(warnings);
    }

    // NOTE: ECR's documentation does not say whether it rejects or ignores a credential or role
    // that the upstream registry does not use, so these are warnings.
    UpstreamRegistry registry = found.get();
    if (rule.credentialArn().isPresent() && !registry.requiresCredentialArn()) {
      warnings.add(
          registry == UpstreamRegistry.ECR
              ? new PolicyWarning(
                  "$.credentialArn",
                  null,
                  "ECR reaches an ECR upstream registry with an IAM role, so credentialArn has no"
                      + " use.",
                  "Remove credentialArn; for an upstream registry in another account, set"
                      + " customRoleArn.")
              : new PolicyWarning(
                  "$.credentialArn",
                  null,
                  "Upstream registry "
                      + registry
                      + " needs no credentials, so credentialArn has no use.",
                  "Remove credentialArn."));
    }
    if (rule.customRoleArn().isPresent() && registry != UpstreamRegistry.ECR) {
      warnings.add(
          new PolicyWarning(
              "$.customRoleArn",
              null,
              "customRoleArn is used only to reach an ECR upstream registry, not " + registry + ".",
              registry.requiresCredentialArn()
                  ? "Remove customRoleArn; this upstream authenticates with credentialArn."
                  : "Remove customRoleArn."));
    }
    return List.copyOf(warnings);
  }

  private static void checkUrl(List<PolicyViolation> out, PullThroughCacheRule rule) {
    // NOTE: the API model types the URL as a plain string. Its documentation gives one syntax per
    // upstream registry, a host name without scheme or path, and ecr4j enforces that syntax.
    String url = rule.upstreamRegistryUrl();
    String path = "$.upstreamRegistryUrl";
    if (url.isEmpty()) {
      Constraints.add(
          out,
          path,
          "upstreamRegistryUrl is empty.",
          "Set the upstream registry's host, such as quay.io.");
      return;
    }
    Optional<UpstreamRegistry> named = rule.upstreamRegistry();
    if (named.isPresent()) {
      UpstreamRegistry registry = named.get();
      if (!registry.acceptsUrl(url)) {
        String expected = registry.url().orElse(urlForm(registry));
        Constraints.add(
            out,
            path,
            "upstreamRegistryUrl \""
                + url
                + "\" is not the URL ECR expects for upstream registry "
                + registry
                + ", which is "
                + expected
                + ".",
            registry.url().isPresent()
                ? "Write \"" + expected + "\"."
                : "Write the host only, in the form " + expected + ".");
      }
      return;
    }
    if (UpstreamRegistry.forUrl(url).isEmpty()) {
      String host = hostOf(url);
      String corrected = URL_CORRECTIONS.getOrDefault(host, host);
      String fix =
          !corrected.equals(url) && UpstreamRegistry.forUrl(corrected).isPresent()
              ? "Write \"" + corrected + "\"."
              : "Use the documented host of a supported registry, such as registry-1.docker.io,"
                  + " quay.io, ghcr.io, registry.gitlab.com, registry.k8s.io, public.ecr.aws,"
                  + " cgr.dev, <name>.azurecr.io or <account>.dkr.ecr.<region>.amazonaws.com.";
      Constraints.add(
          out,
          path,
          "upstreamRegistryUrl \""
              + url
              + "\" is not the URL of an upstream registry ECR supports.",
          fix);
    }
  }

  private static void checkCredentialArn(List<PolicyViolation> out, String arn) {
    String path = "$.credentialArn";
    int length = Constraints.length(arn);
    if (length > MAX_CREDENTIAL_ARN) {
      Constraints.add(
          out,
          path,
          "credentialArn is "
              + Constraints.characters(length)
              + " long; ECR allows at most "
              + MAX_CREDENTIAL_ARN
              + ".",
          "Use a shorter secret name.");
      return;
    }
    if (!CREDENTIAL_ARN.matcher(arn).matches()) {
      Matcher secret = SECRET_ARN.matcher(arn);
      if (secret.matches() && secret.group(2).startsWith(PullThroughCacheRule.SECRET_NAME_PREFIX)) {
        Constraints.add(
            out,
            path,
            "credentialArn names the secret \""
                + secret.group(2)
                + "\", which contains characters ECR does not allow in a secret name.",
            "Use only letters, digits and the characters / _ + = . @ - in the secret name.");
      } else if (secret.matches()) {
        Constraints.add(
            out,
            path,
            "credentialArn names the secret \""
                + secret.group(2)
                + "\", but ECR accepts only secrets whose names start with ecr-pullthroughcache/.",
            "Store the credentials in a secret named ecr-pullthroughcache/<name>, and use its"
                + " ARN.");
      } else {
        Constraints.add(
            out,
            path,
            "credentialArn \"" + arn + "\" is not the ARN of a Secrets Manager secret.",
            "Use the secret's ARN, such as"
                + " arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf.");
      }
    }
  }

  private static String urlForm(UpstreamRegistry registry) {
    return registry == UpstreamRegistry.ECR
        ? "<account>.dkr.ecr.<region>.amazonaws.com"
        : "<registry name>.azurecr.io";
  }

  /** Strips a scheme, a path and a port, so that a pasted URL can be compared with a host. */
  private static String hostOf(String url) {
    String host = url.toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    int colon = host.indexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }
}
