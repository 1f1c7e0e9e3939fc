/**
 * The agreement engine (SPEC 4): label config parsing, per-tag metrics, the consensus and pairwise
 * methodologies, and Krippendorff's alpha. Plain Java, no Spring.
 *
 * <p>A job creates one {@link io.agreement.engine.ProjectScorer}, parses each counted annotation
 * once with {@link io.agreement.engine.ProjectScorer#parse} and scores each task with {@link
 * io.agreement.engine.ProjectScorer#score}; the scorer keeps only project aggregates.
 *
 * <p>Where the SPEC leaves a choice, the engine decides so:
 *
 * <ul>
 *   <li>{@code exact_match} compares the set of an annotation's region values, each value with its
 *       list-like sets (choices, labels, taxonomy paths) sorted and its unknown fields in canonical
 *       JSON; rotation 0 and a missing rotation are the same.
 *   <li>Spans: Labels on Text use character offsets; HyperTextLabels their {@code globalOffsets}
 *       when present, else offsets within one xpath node (spans over several nodes match only when
 *       equal); ParagraphLabels offsets within one paragraph, else the range of paragraphs covered;
 *       TimeSeriesLabels numbers, or date-times in milliseconds (local times as UTC), else equal
 *       ends. A plain Labels tag is read by its value's shape: global offsets or an xpath with
 *       offsets as HyperText, numeric ends with offsets as paragraphs, numeric ends alone as
 *       character offsets, anything else as a time series.
 *   <li>Rectangles rotate about their top-left corner in pixels, using the item's {@code
 *       original_width} and {@code original_height} (a square image without them).
 *       Self-intersecting polygons are repaired before intersecting.
 *   <li>{@code excluded_labels} also removes excluded labels from the label sets of the regions
 *       kept, and taxonomy paths through an excluded node.
 *   <li>KeyPoint without labels is "anything else" in SPEC 4.2, so {@code exact_match} by default;
 *       it may be set to {@code keypoint_distance}.
 *   <li>Krippendorff's alpha treats an annotation that chose several choices of a single-choice tag
 *       as missing, and does not apply to per-region tags.
 *   <li>A result stored as a JSON string holding the array is read like the array.
 * </ul>
 */
package io.agreement.engine;
