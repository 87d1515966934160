package io.jlite.conformance;

import io.jlite.conformance.gen.GraphSpecs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random graphs of 2-8 ops ({@link GraphSpecs}) give TFLite's outputs on every backend, within the
 * graph tolerance (the number of ops times the largest per-op bound).
 */
class GraphProperties {
  @Property
  void matchesTfLite(
      @ForAll("graphs") ConformanceCase c, @ForAll("backends") ConformanceBackend b) {
    CaseRunner.assertMatches(c, b);
  }

  @Provide
  Arbitrary<ConformanceCase> graphs() {
    return GraphSpecs.graphs();
  }

  @Provide
  Arbitrary<ConformanceBackend> backends() {
    return ConformanceBackend.arbitrary();
  }
}
