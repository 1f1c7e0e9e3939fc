package io.agreement.api.settings;

/** A live project of the caller's organization, with the label config its tags come from. */
public record ScopedProject(long id, String labelConfig) {}
