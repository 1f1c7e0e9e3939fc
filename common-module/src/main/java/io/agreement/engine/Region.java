package io.agreement.engine;

/** A labelled region: only regions with equal label keys are compared (SPEC 4.3a). */
abstract class Region {

  final String label;

  Region(String label) {
    this.label = label;
  }
}
