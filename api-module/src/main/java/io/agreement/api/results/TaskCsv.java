package io.agreement.api.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * GET agreement/tasks/?format=csv: task id, overall, one column per tag, annotations, link; a score
 * that is missing or not a finite number is an empty cell (RFC 4180 quoting).
 */
final class TaskCsv {

  private final Writer out;

  TaskCsv(Writer out, List<String> tags) {
    this.out = out;
    StringBuilder header = new StringBuilder("task_id,agreement");
    tags.forEach(tag -> header.append(',').append(quoted(tag)));
    write(header.append(",annotations,task_url\n"));
  }

  void row(long taskId, Double agreement, Double[] tagScores, int annotations, String taskUrl) {
    StringBuilder line = new StringBuilder(64).append(taskId).append(',').append(number(agreement));
    for (Double score : tagScores) {
      line.append(',').append(number(score));
    }
    line.append(',').append(annotations).append(',');
    write(line.append(taskUrl == null ? "" : quoted(taskUrl)).append('\n'));
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(CharSequence text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String number(Double value) {
    return value == null || !Double.isFinite(value) ? "" : Double.toString(value);
  }

  /** Quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused. */
  static String quoted(String value) {
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    if (safe.matches("(?s).*[\",\\r\\n].*")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
