package dev.ecr4j.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --now}: an ISO-8601 instant such as {@code 2026-12-01T00:00:00Z}, a date-time with
 * an offset such as {@code 2026-12-01T09:00:00+09:00}, or a date such as {@code 2026-12-01}, which
 * means the start of that day in UTC. The instant must fall in the years 1970 to 9999 in UTC, the
 * range that images files may contain.
 */
final class InstantConverter implements ITypeConverter<Instant> {

  /** The first instant accepted. */
  static final Instant MIN_INSTANT = Instant.EPOCH;

  /** The first instant rejected: the start of the year 10000 in UTC. */
  static final Instant MAX_INSTANT_EXCLUSIVE =
      LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private static final String FORMS =
      "use ISO-8601 such as 2026-12-01T00:00:00Z, or a date such as 2026-12-01 for the start of"
          + " that day in UTC";

  @Override
  public Instant convert(String value) {
    Instant instant = parse(value);
    if (instant.isBefore(MIN_INSTANT) || !instant.isBefore(MAX_INSTANT_EXCLUSIVE)) {
      throw new TypeConversionException(
          "\"" + value + "\" is outside the years 1970 to 9999 in UTC; " + FORMS);
    }
    return instant;
  }

  private static Instant parse(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notDateTime) {
      // fall through to the date form
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notDate) {
      throw new TypeConversionException("\"" + value + "\" is not an instant; " + FORMS);
    }
  }
}
