package dev.ecr4j.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the input of ECR Public calls against the constraints of its API model (botocore's {@code
 * ecr-public/2020-10-30/service-2.json}) before anything is sent. Each error names the parameter,
 * the value, the limit and the fix.
 */
final class PublicInput {

  // RepositoryName in the model: 2 to 205 characters of this pattern.
  static final int MIN_REPOSITORY_NAME = 2;
  static final int MAX_REPOSITORY_NAME = 205;
  static final Pattern REPOSITORY_NAME =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  // MaxResults of DescribeRepositories, DescribeRegistries, DescribeImages and DescribeImageTags.
  static final int MIN_PAGE_SIZE = 1;
  static final int MAX_PAGE_SIZE = 1_000;

  // TagList and TagKeyList contain at most 200 entries. TagKey is 1 to 128 characters, and TagValue
  // 0 to 256.
  static final int MAX_TAGS_PER_REQUEST = 200;
  static final int MAX_TAG_KEY = 128;
  static final int MAX_TAG_VALUE = 256;

  // RegistryDisplayName: 0 to 100 characters.
  static final int MAX_DISPLAY_NAME = 100;

  // RepositoryPolicyText: at most 10,240 characters.
  static final int MAX_POLICY_TEXT = 10_240;

  // ImageIdentifierList of BatchDeleteImage and DescribeImages: 1 to 100 ids.
  static final int MAX_IMAGE_IDS = 100;

  // ImageManifest: 1 to 4,194,304 characters.
  static final int MAX_MANIFEST = 4_194_304;

  private PublicInput() {}

  /** Checks a repository name and returns it. */
  static String repositoryName(String name) {
    Objects.requireNonNull(name, "repositoryName");
    int length = name.codePointCount(0, name.length());
    if (length < MIN_REPOSITORY_NAME || length > MAX_REPOSITORY_NAME) {
      throw new IllegalArgumentException(
          "Invalid ECR Public repository name '"
              + name
              + "': it has "
              + length
              + " characters, but ECR Public allows "
              + MIN_REPOSITORY_NAME
              + " to "
              + MAX_REPOSITORY_NAME
              + "; use a name of "
              + MIN_REPOSITORY_NAME
              + " to "
              + MAX_REPOSITORY_NAME
              + " characters");
    }
    if (!REPOSITORY_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid ECR Public repository name '"
              + name
              + "': it must be lowercase letters and digits, separated by single '.', '_' or '-'"
              + " characters, with '/' between path components (pattern "
              + REPOSITORY_NAME.pattern()
              + "), such as 'tools/cli'");
    }
    return name;
  }

  /** Checks a page size and returns it. */
  static int pageSize(int maxResults) {
    if (maxResults < MIN_PAGE_SIZE || maxResults > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "Invalid page size "
              + maxResults
              + ": ECR Public's maxResults must be from "
              + MIN_PAGE_SIZE
              + " to "
              + MAX_PAGE_SIZE
              + "; use "
              + MAX_PAGE_SIZE
              + " to read the fewest pages");
    }
    return maxResults;
  }

  /** Checks the tags of one request and returns them. */
  static Map<String, String> tags(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags");
    if (tags.size() > MAX_TAGS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "Too many tags: "
              + tags.size()
              + " in one request, but ECR Public accepts at most "
              + MAX_TAGS_PER_REQUEST
              + " (and keeps at most 50 per repository); send fewer tags");
    }
    tags.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, "tag key");
          Objects.requireNonNull(value, "value of tag " + key);
          tagKey(key);
          int valueLength = value.codePointCount(0, value.length());
          if (valueLength > MAX_TAG_VALUE) {
            throw new IllegalArgumentException(
                "Invalid value of tag '"
                    + key
                    + "': it has "
                    + valueLength
                    + " characters, but ECR Public allows at most "
                    + MAX_TAG_VALUE
                    + "; shorten the value");
          }
        });
    return tags;
  }

  /** Checks the keys of an untag request and returns them. */
  static List<String> tagKeys(List<String> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.size() > MAX_TAGS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "Too many tag keys: "
              + keys.size()
              + " in one request, but ECR Public accepts at most "
              + MAX_TAGS_PER_REQUEST
              + "; remove them in several calls");
    }
    keys.forEach(PublicInput::tagKey);
    return keys;
  }

  private static void tagKey(String key) {
    Objects.requireNonNull(key, "tag key");
    int length = key.codePointCount(0, key.length());
    if (length < 1 || length > MAX_TAG_KEY) {
      throw new IllegalArgumentException(
          "Invalid tag key '"
              + key
              + "': it has "
              + length
              + " characters, but ECR Public allows 1 to "
              + MAX_TAG_KEY
              + "; use a non-empty key of at most "
              + MAX_TAG_KEY
              + " characters");
    }
  }

  /** Checks a registry display name and returns it. */
  static String displayName(String displayName) {
    Objects.requireNonNull(displayName, "displayName");
    int length = displayName.codePointCount(0, displayName.length());
    if (length > MAX_DISPLAY_NAME) {
      throw new IllegalArgumentException(
          "Invalid registry display name '"
              + displayName
              + "': it has "
              + length
              + " characters, but ECR Public allows at most "
              + MAX_DISPLAY_NAME
              + "; shorten it");
    }
    return displayName;
  }

  /** Checks the length of repository policy text and returns it. */
  static String policyText(String policyText) {
    Objects.requireNonNull(policyText, "policyText");
    int length = policyText.codePointCount(0, policyText.length());
    if (length > MAX_POLICY_TEXT) {
      throw new IllegalArgumentException(
          "The repository policy text has "
              + length
              + " characters, but ECR Public allows at most "
              + MAX_POLICY_TEXT
              + "; minify it, merge statements or use action wildcards");
    }
    return policyText;
  }

  /** Checks that a list of image ids contains no null and returns it. Any size is allowed. */
  static List<ImageId> imageIds(List<ImageId> ids) {
    Objects.requireNonNull(ids, "ids");
    for (int i = 0; i < ids.size(); i++) {
      Objects.requireNonNull(ids.get(i), "ids[" + i + "]");
    }
    return ids;
  }

  /** Checks the length of an image manifest and returns it. */
  static String manifest(String manifest) {
    Objects.requireNonNull(manifest, "manifest");
    int length = manifest.codePointCount(0, manifest.length());
    if (length < 1 || length > MAX_MANIFEST) {
      throw new IllegalArgumentException(
          "Invalid image manifest: it has "
              + length
              + " characters, but ECR Public allows 1 to "
              + MAX_MANIFEST
              + "; send a non-empty manifest of at most "
              + MAX_MANIFEST
              + " characters");
    }
    return manifest;
  }
}
