package io.agreement.engine.stats;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tag's reliability data: units (tasks) by raters (annotators), one rating per cell, missing
 * cells allowed. Built task by task, in ascending task id, while a project streams past (a
 * backfill, or a refresh replaying the stored ratings). Tasks that got the same ratings from the
 * same raters share one {@link Unit}; each task keeps only the index of its unit, four bytes, so a
 * project of millions of tasks fits in a small heap, and the bootstrap can still resample tasks in
 * order without reading annotations again. Not thread-safe.
 */
public final class RatingTable {

  private final Scale scale;
  private final Map<Long, Integer> raterIndex = new HashMap<>();
  private final List<Long> raterIds = new ArrayList<>();
  private final Map<Key, Integer> unitIndex = new HashMap<>();
  private final List<Unit> distinct = new ArrayList<>();
  private int[] unitOfTask = new int[64];
  private int tasks;
  private long lastTask = Long.MIN_VALUE;

  public RatingTable(Scale scale) {
    this.scale = scale;
  }

  public Scale scale() {
    return scale;
  }

  /**
   * Adds a task's ratings; a rater's {@link Scale#MISSING} code leaves the cell empty, and a task
   * with no rating is not a unit.
   *
   * @param taskId above every task added before
   * @param raters user ids, each at most once
   * @param codes the value code each rater gave, from {@link #scale()}
   * @throws IllegalArgumentException for a task id not above the last one, or a code per rater
   *     missing
   */
  public void put(long taskId, long[] raters, int[] codes) {
    if (raters.length != codes.length) {
      throw new IllegalArgumentException("one code per rater");
    }
    if (taskId <= lastTask) {
      throw new IllegalArgumentException(
          "tasks are added in ascending id, each once: " + taskId + " after " + lastTask);
    }
    lastTask = taskId;
    int kept = 0;
    int[] indexes = new int[raters.length];
    int[] values = new int[raters.length];
    for (int i = 0; i < raters.length; i++) {
      if (codes[i] != Scale.MISSING) {
        indexes[kept] = rater(raters[i]);
        values[kept++] = codes[i];
      }
    }
    if (kept == 0) {
      return;
    }
    Unit unit = new Unit(Arrays.copyOf(indexes, kept), Arrays.copyOf(values, kept));
    int index =
        unitIndex.computeIfAbsent(
            new Key(unit),
            k -> {
              distinct.add(unit);
              return distinct.size() - 1;
            });
    if (tasks == unitOfTask.length) {
      unitOfTask = Arrays.copyOf(unitOfTask, tasks + (tasks >> 1) + 16);
    }
    unitOfTask[tasks++] = index;
  }

  /** Tasks with at least one rating. */
  public int units() {
    return tasks;
  }

  /** Everyone who rated a task of the table at any time, in order of appearance. */
  long raterId(int index) {
    return raterIds.get(index);
  }

  int raterCount() {
    return raterIds.size();
  }

  /** In ascending task id, so that a seeded bootstrap draws the same tasks every time. */
  Collection<Unit> unitList() {
    return new AbstractList<>() {
      @Override
      public Unit get(int i) {
        Objects.checkIndex(i, tasks);
        return distinct.get(unitOfTask[i]);
      }

      @Override
      public int size() {
        return tasks;
      }
    };
  }

  private int rater(long userId) {
    return raterIndex.computeIfAbsent(
        userId,
        id -> {
          raterIds.add(id);
          return raterIds.size() - 1;
        });
  }

  /** One task's ratings: rater indexes and their value codes, in parallel. */
  record Unit(int[] raters, int[] codes) {}

  /** A unit by its contents, for sharing one among tasks rated alike. */
  private record Key(Unit unit) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Arrays.equals(unit.raters(), k.unit.raters())
          && Arrays.equals(unit.codes(), k.unit.codes());
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(unit.raters()) + Arrays.hashCode(unit.codes());
    }
  }
}
