package dev.ecr4j.core;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Turns ECR's {@code nextToken} pagination into a lazy stream; each page is one logical call. */
final class Pages {

  /** One page: its items and the token of the next page, or null after the last. */
  record Page<T>(List<T> items, @Nullable String nextToken) {}

  private Pages() {}

  /** Returns a stream that fetches pages as it is consumed, starting with a null token. */
  static <T> Stream<T> stream(Function<@Nullable String, Page<T>> fetch) {
    Iterator<T> iterator =
        new Iterator<>() {
          private @Nullable Iterator<T> current;
          private @Nullable String nextToken;
          private boolean lastFetched;

          @Override
          public boolean hasNext() {
            while (current == null || !current.hasNext()) {
              if (lastFetched) {
                return false;
              }
              Page<T> page = fetch.apply(nextToken);
              current = page.items().iterator();
              nextToken = page.nextToken();
              // An empty token ends the listing as a null one does.
              lastFetched = nextToken == null || nextToken.isEmpty();
            }
            return true;
          }

          @Override
          public T next() {
            if (!hasNext() || current == null) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
