package io.agreement.api.results;

import io.agreement.api.web.Csv;
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
    tags.forEach(tag -> header.append(',').append(Csv.quoted(tag)));
    write(header.append(",annotations,task_url\n"));
  }

  void row(long taskId, Double agreement, Double[] tagScores, int annotations, String taskUrl) {
    StringBuilder line =
        new StringBuilder(64).append(taskId).append(',').append(Csv.number(agreement));
    for (Double score : tagScores) {
      line.append(',').append(Csv.number(score));
    }
    line.append(',').append(annotations).append(',');
    write(line.append(taskUrl == null ? "" : Csv.quoted(taskUrl)).append('\n'));
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
}
