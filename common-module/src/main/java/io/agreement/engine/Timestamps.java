package io.agreement.engine;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Time series regions may carry their ends as date-time strings; they are compared in ms. */
final class Timestamps {

  private Timestamps() {}

  /** Epoch milliseconds (local date-times read as UTC), or NaN for anything else. */
  static double epochMillis(String text) {
    String t = text.trim().replace(' ', 'T');
    if (t.length() < 10 || !Character.isDigit(t.charAt(0))) {
      return Double.NaN;
    }
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      if (t.endsWith("Z") || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
        return OffsetDateTime.parse(t).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }
}
