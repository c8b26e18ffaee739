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
 * means the start of that day in UTC.
 */
final class InstantConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notDateTime) {
      // fall through to the date form
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notDate) {
      throw new TypeConversionException(
          "\""
              + value
              + "\" is not an instant; use ISO-8601 such as 2026-12-01T00:00:00Z, or a date such"
              + " as 2026-12-01 for the start of that day in UTC");
    }
  }
}
