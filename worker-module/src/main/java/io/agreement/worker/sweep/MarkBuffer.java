package io.agreement.worker.sweep;

import io.agreement.common.live.DirtyMarks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changed tasks gathered per project and marked with one {@link DirtyMarks#mark} per project: when
 * the pass ends, or earlier when {@code limit} tasks are held, so a pass over a large backlog holds
 * a bounded number of ids.
 */
final class MarkBuffer {

  private final DirtyMarks marks;
  private final DirtyMarks.Source source;
  private final int limit;
  private final Map<Long, Ids> pending = new LinkedHashMap<>();
  private int held;
  private long found;

  MarkBuffer(DirtyMarks marks, DirtyMarks.Source source, int limit) {
    this.marks = marks;
    this.source = source;
    this.limit = limit;
  }

  void add(long projectId, long taskId) {
    pending.computeIfAbsent(projectId, p -> new Ids()).add(taskId);
    found++;
    if (++held >= limit) {
      flush();
    }
  }

  /** Marks everything held. */
  void flush() {
    pending.forEach((project, ids) -> marks.mark(project, ids.toArray(), source));
    pending.clear();
    held = 0;
  }

  /** How many changed tasks were added, over the buffer's life. */
  long found() {
    return found;
  }

  private static final class Ids {
    private long[] ids = new long[16];
    private int size;

    void add(long id) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = id;
    }

    long[] toArray() {
      return Arrays.copyOf(ids, size);
    }
  }
}
