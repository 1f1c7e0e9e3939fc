package io.agreement.engine.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tag's reliability data: units (tasks) by raters (annotators), one rating per cell, missing
 * cells allowed. Built task by task while a project streams past; each task keeps only its raters
 * and their value codes, so a task's contribution can be replaced or removed later and the
 * bootstrap can resample tasks without reading annotations again. Not thread-safe.
 */
public final class RatingTable {

  private final Scale scale;
  private final Map<Long, Integer> raterIndex = new HashMap<>();
  private final List<Long> raterIds = new ArrayList<>();
  private final TreeMap<Long, Unit> units = new TreeMap<>();

  public RatingTable(Scale scale) {
    this.scale = scale;
  }

  public Scale scale() {
    return scale;
  }

  /**
   * Sets a task's ratings, replacing any it had; a rater's {@link Scale#MISSING} code leaves the
   * cell empty, and a task left with no rating is removed.
   *
   * @param raters user ids, each at most once
   * @param codes the value code each rater gave, from {@link #scale()}
   */
  public void put(long taskId, long[] raters, int[] codes) {
    if (raters.length != codes.length) {
      throw new IllegalArgumentException("one code per rater");
    }
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
      units.remove(taskId);
    } else {
      units.put(taskId, new Unit(Arrays.copyOf(indexes, kept), Arrays.copyOf(values, kept)));
    }
  }

  public void remove(long taskId) {
    units.remove(taskId);
  }

  /** Tasks with at least one rating. */
  public int units() {
    return units.size();
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
    return units.values();
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
}
