package io.agreement.engine;

/**
 * A tag's agreement over a project.
 *
 * @param agreement mean task score; null when no task was scored
 * @param krippendorffAlpha null where alpha does not apply or is undefined
 * @param alphaLevel {@code nominal} or {@code interval} where alpha applies, else null
 */
public record TagSummary(
    String name,
    String type,
    Metric metric,
    double threshold,
    double weight,
    Double agreement,
    int tasksScored,
    Double krippendorffAlpha,
    String alphaLevel) {}
