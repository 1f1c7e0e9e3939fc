package io.agreement.engine;

/** A control tag together with the settings it is scored with. */
public record ScoredTag(ControlTag tag, TagSettings settings) {}
