package dev.ecr4j.core;

import dev.ecr4j.core.internal.DocumentJson;
import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoryCreationTemplatesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfigurationForRepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on repository creation templates, as the policy DSL's {@link
 * RepositoryCreationTemplate}. Obtained from {@link Ecr4jClient#creationTemplates()}; thread-safe.
 *
 * <p>Templates are registry-wide: ECR's template operations take no registry id, so they always act
 * on the caller's own registry.
 */
public final class CreationTemplates {

  // ECR's maximum page size for DescribeRepositoryCreationTemplates.
  private static final int PAGE_SIZE = 1_000;

  private final EcrClient ecr;
  private final EcrCalls calls;

  CreationTemplates(EcrClient ecr, EcrCalls calls) {
    this.ecr = ecr;
    this.calls = calls;
  }

  /**
   * Validates {@code template} locally, then creates it.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the template is invalid; nothing is sent
   * @throws AlreadyExistsException when a template with the prefix exists
   */
  public void create(RepositoryCreationTemplate template) {
    Fields fields = Fields.of(template.validate());
    calls.call(
        "CreateRepositoryCreationTemplate",
        override ->
            ecr.createRepositoryCreationTemplate(
                request ->
                    request
                        .prefix(fields.prefix)
                        .description(fields.description)
                        .encryptionConfiguration(fields.encryption)
                        .resourceTags(fields.tags)
                        .imageTagMutability(fields.tagMutability)
                        .imageTagMutabilityExclusionFilters(fields.exclusionFilters)
                        .repositoryPolicy(fields.repositoryPolicy)
                        .lifecyclePolicy(fields.lifecyclePolicy)
                        .appliedForWithStrings(fields.appliedFor)
                        .customRoleArn(fields.customRoleArn)
                        .overrideConfiguration(override)));
  }

  /**
   * Validates {@code template} locally, then replaces the settings of the template with its prefix.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the template is invalid; nothing is sent
   * @throws NotFoundException when no template has the prefix
   */
  // NOTE: ECR's documentation does not say whether UpdateRepositoryCreationTemplate clears a
  // setting that the request leaves out. This method sends only the template's settings, so a
  // setting removed from the template may remain on ECR's side; delete and create to be sure.
  public void update(RepositoryCreationTemplate template) {
    Fields fields = Fields.of(template.validate());
    calls.call(
        "UpdateRepositoryCreationTemplate",
        override ->
            ecr.updateRepositoryCreationTemplate(
                request ->
                    request
                        .prefix(fields.prefix)
                        .description(fields.description)
                        .encryptionConfiguration(fields.encryption)
                        .resourceTags(fields.tags)
                        .imageTagMutability(fields.tagMutability)
                        .imageTagMutabilityExclusionFilters(fields.exclusionFilters)
                        .repositoryPolicy(fields.repositoryPolicy)
                        .lifecyclePolicy(fields.lifecyclePolicy)
                        .appliedForWithStrings(fields.appliedFor)
                        .customRoleArn(fields.customRoleArn)
                        .overrideConfiguration(override)));
  }

  /**
   * Creates {@code template}, or updates the template with its prefix when that differs
   * semantically; sends nothing when they are equal.
   *
   * @return true when a create or update was sent
   * @throws dev.ecr4j.policy.InvalidPolicyException when the template is invalid; nothing is sent
   */
  public boolean put(RepositoryCreationTemplate template) {
    template.validate();
    Optional<RepositoryCreationTemplate> existing = get(template.prefix());
    if (existing.isEmpty()) {
      create(template);
      return true;
    }
    if (existing.get().equals(template)) {
      return false;
    }
    update(template);
    return true;
  }

  /** Returns the template with {@code prefix}, or empty when there is none. */
  public Optional<RepositoryCreationTemplate> get(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    try {
      DescribeRepositoryCreationTemplatesResponse response =
          calls.call(
              "DescribeRepositoryCreationTemplates",
              override ->
                  ecr.describeRepositoryCreationTemplates(
                      request -> request.prefixes(prefix).overrideConfiguration(override)));
      return response.repositoryCreationTemplates().stream().findFirst().map(Fields::toTemplate);
    } catch (NotFoundException e) {
      if (e.awsErrorCode().filter("TemplateNotFoundException"::equals).isPresent()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Returns every template of the registry; pages of up to 1,000 are fetched as it is read. */
  public Stream<RepositoryCreationTemplate> list() {
    return Pages.stream(
        token -> {
          DescribeRepositoryCreationTemplatesResponse response =
              calls.call(
                  "DescribeRepositoryCreationTemplates",
                  override ->
                      ecr.describeRepositoryCreationTemplates(
                          request ->
                              request
                                  .maxResults(PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<RepositoryCreationTemplate> templates = new ArrayList<>();
          response
              .repositoryCreationTemplates()
              .forEach(template -> templates.add(Fields.toTemplate(template)));
          return new Pages.Page<>(templates, response.nextToken());
        });
  }

  /**
   * Deletes the template with {@code prefix}.
   *
   * @return true when a template was deleted, false when there was none
   */
  public boolean delete(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    try {
      calls.call(
          "DeleteRepositoryCreationTemplate",
          override ->
              ecr.deleteRepositoryCreationTemplate(
                  request -> request.prefix(prefix).overrideConfiguration(override)));
      return true;
    } catch (NotFoundException e) {
      if (e.awsErrorCode().filter("TemplateNotFoundException"::equals).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * A template's settings as the SDK's request builders take them, read from the DSL's JSON, whose
   * keys are ECR's.
   */
  private static final class Fields {
    private final String prefix;
    private @Nullable String description;
    private @Nullable EncryptionConfigurationForRepositoryCreationTemplate encryption;
    private @Nullable List<Tag> tags;
    private @Nullable String tagMutability;
    private @Nullable List<ImageTagMutabilityExclusionFilter> exclusionFilters;
    private @Nullable String repositoryPolicy;
    private @Nullable String lifecyclePolicy;
    private final List<String> appliedFor = new ArrayList<>();
    private @Nullable String customRoleArn;

    private Fields(String prefix) {
      this.prefix = prefix;
    }

    static Fields of(RepositoryCreationTemplate template) {
      JsonNode json = DocumentJson.read(template.toJson());
      Fields fields = new Fields(template.prefix());
      fields.description = DocumentJson.text(json, "description");
      JsonNode encryption = json.get("encryptionConfiguration");
      if (encryption != null) {
        fields.encryption =
            EncryptionConfigurationForRepositoryCreationTemplate.builder()
                .encryptionType(DocumentJson.text(encryption, "encryptionType"))
                .kmsKey(DocumentJson.text(encryption, "kmsKey"))
                .build();
      }
      if (json.has("resourceTags")) {
        List<Tag> tags = new ArrayList<>();
        for (JsonNode tag : json.get("resourceTags")) {
          tags.add(
              Tag.builder()
                  .key(DocumentJson.text(tag, "Key"))
                  .value(DocumentJson.text(tag, "Value"))
                  .build());
        }
        fields.tags = tags;
      }
      fields.tagMutability = DocumentJson.text(json, "imageTagMutability");
      if (json.has("imageTagMutabilityExclusionFilters")) {
        List<ImageTagMutabilityExclusionFilter> filters = new ArrayList<>();
        for (JsonNode filter : json.get("imageTagMutabilityExclusionFilters")) {
          filters.add(
              ImageTagMutabilityExclusionFilter.builder()
                  .filterType(DocumentJson.text(filter, "filterType"))
                  .filter(DocumentJson.text(filter, "filter"))
                  .build());
        }
        fields.exclusionFilters = filters;
      }
      fields.repositoryPolicy = DocumentJson.text(json, "repositoryPolicy");
      fields.lifecyclePolicy = DocumentJson.text(json, "lifecyclePolicy");
      template.appliedFor().forEach(scenario -> fields.appliedFor.add(scenario.name()));
      fields.customRoleArn = DocumentJson.text(json, "customRoleArn");
      return fields;
    }

    /**
     * Reads a template ECR returned into the DSL's value. Empty texts, which ECR returns for
     * settings never set, are left out.
     */
    static RepositoryCreationTemplate toTemplate(
        software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate sdk) {
      ObjectNode json = DocumentJson.object();
      json.put("prefix", String.valueOf(sdk.prefix()));
      putText(json, "description", sdk.description());
      if (sdk.encryptionConfiguration() != null) {
        ObjectNode encryption = json.putObject("encryptionConfiguration");
        putText(
            encryption, "encryptionType", sdk.encryptionConfiguration().encryptionTypeAsString());
        putText(encryption, "kmsKey", sdk.encryptionConfiguration().kmsKey());
      }
      if (sdk.hasResourceTags() && !sdk.resourceTags().isEmpty()) {
        ArrayNode tags = json.putArray("resourceTags");
        sdk.resourceTags()
            .forEach(tag -> tags.addObject().put("Key", tag.key()).put("Value", tag.value()));
      }
      putText(json, "imageTagMutability", sdk.imageTagMutabilityAsString());
      if (sdk.hasImageTagMutabilityExclusionFilters()
          && !sdk.imageTagMutabilityExclusionFilters().isEmpty()) {
        ArrayNode filters = json.putArray("imageTagMutabilityExclusionFilters");
        sdk.imageTagMutabilityExclusionFilters()
            .forEach(
                filter ->
                    filters
                        .addObject()
                        .put("filterType", filter.filterTypeAsString())
                        .put("filter", filter.filter()));
      }
      putText(json, "repositoryPolicy", sdk.repositoryPolicy());
      putText(json, "lifecyclePolicy", sdk.lifecyclePolicy());
      ArrayNode appliedFor = json.putArray("appliedFor");
      sdk.appliedForAsStrings().forEach(appliedFor::add);
      putText(json, "customRoleArn", sdk.customRoleArn());
      return RepositoryCreationTemplate.parse(DocumentJson.write(json));
    }

    private static void putText(ObjectNode json, String key, @Nullable String value) {
      if (value != null && !value.isEmpty()) {
        json.put(key, value);
      }
    }
  }
}
