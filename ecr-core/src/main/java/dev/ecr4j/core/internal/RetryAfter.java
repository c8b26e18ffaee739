package dev.ecr4j.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Reads the {@code Retry-After} header of a failed response (RFC 9110, section 10.2.3). */
public final class RetryAfter {

  private RetryAfter() {}

  /** Returns the wait the server asked for, if the failure is a response with a valid header. */
  static Optional<Duration> of(Throwable failure, Instant now) {
    if (!(failure instanceof AwsServiceException)) {
      return Optional.empty();
    }
    AwsServiceException service = (AwsServiceException) failure;
    if (service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null) {
      return Optional.empty();
    }
    return service
        .awsErrorDetails()
        .sdkHttpResponse()
        .firstMatchingHeader("Retry-After")
        .flatMap(value -> parse(value, now));
  }

  /** Parses delta-seconds or an HTTP date; a date in the past means no wait. */
  public static Optional<Duration> parse(String value, Instant now) {
    String trimmed = value.trim();
    if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
      // Guard: a huge number would overflow; anything above a day is capped later anyway.
      if (trimmed.length() > 9) {
        return Optional.of(Duration.ofDays(1));
      }
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      // An unreadable header is ignored, so the jittered backoff applies.
      return Optional.empty();
    }
  }
}
