package dev.ecr4j.testkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One page of a paginated answer and the opaque token for the next one.
 *
 * <p>A token encodes the operation and the sort key of the last item returned, so the next page
 * starts after that item even when items were added or deleted in between, and a token of one
 * operation is rejected by another.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param nextToken the token for the next page, or {@code null} on the last page
 */
record Page<T>(List<T> items, @Nullable String nextToken) {

  private static final String TOKEN_VERSION = "e1";

  Page {
    items = List.copyOf(items);
  }

  /**
   * Returns the page of {@code sorted} that {@code input}'s {@code maxResults} and {@code
   * nextToken} select.
   *
   * @param sorted every item, sorted ascending by {@code key} with unique keys
   * @param defaultSize the page size when {@code maxResults} is absent
   * @param scope the operation name, bound into the token
   * @throws AwsError {@code InvalidParameterException} for a token this emulator did not issue for
   *     {@code scope}
   */
  static <T> Page<T> of(
      List<T> sorted, Function<T, String> key, JsonNode input, int defaultSize, String scope) {
    Integer maxResults = Json.integer(input, "maxResults");
    int size = maxResults == null ? defaultSize : maxResults;
    String token = Json.text(input, "nextToken");
    String after = token == null ? null : decode(token, scope);

    List<T> page = new ArrayList<>();
    int index = 0;
    if (after != null) {
      while (index < sorted.size() && key.apply(sorted.get(index)).compareTo(after) <= 0) {
        index++;
      }
    }
    while (index < sorted.size() && page.size() < size) {
      page.add(sorted.get(index));
      index++;
    }
    String next =
        index < sorted.size() && !page.isEmpty()
            ? encode(scope, key.apply(page.get(page.size() - 1)))
            : null;
    return new Page<>(page, next);
  }

  private static String encode(String scope, String key) {
    String plain = TOKEN_VERSION + "\n" + scope + "\n" + key;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a token.
   *
   * <p>NOTE: ECR's text for a bad token is not observed; this one follows its constraint wording.
   */
  private static String decode(String token, String scope) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
    String prefix = TOKEN_VERSION + "\n" + scope + "\n";
    if (!plain.startsWith(prefix)) {
      throw invalidToken();
    }
    return plain.substring(prefix.length());
  }

  private static AwsError invalidToken() {
    return AwsError.invalidParameter("nextToken", "Invalid NextToken");
  }
}
