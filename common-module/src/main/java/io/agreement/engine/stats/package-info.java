/**
 * Reliability statistics (SPEC 4.7), plain Java: a tag's ratings as a {@link
 * io.agreement.engine.stats.RatingTable} of tasks by annotators, built task by task in a few bytes
 * per task, and {@link io.agreement.engine.stats.Statistics#compute} for percent agreement,
 * Krippendorff's alpha at any level or with a set distance, Fleiss' kappa and Gwet's AC1/AC2 with
 * Gwet's standard errors, Cohen's kappa per annotator pair (weighted for numeric scales), a seeded
 * task-level bootstrap for 95% intervals, and diagnostics in plain sentences.
 *
 * <p>Alpha's sums and final formula are those of {@link io.agreement.engine.KrippendorffAlpha},
 * kept per task so that resamples need no second pass over the annotations. Where the literature
 * leaves a choice, the package follows Gwet (2014) and his R package irrCAC: chance terms over all
 * rated tasks, agreement over tasks with two or more ratings, AC2 with ordinal weights for ordinal
 * data and quadratic weights for interval and ratio data.
 */
package io.agreement.engine.stats;
